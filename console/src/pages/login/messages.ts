import { defineMessages } from '../../i18n';

export const messages = defineMessages(
  {
    title: 'Masuk ke LAPOR!',
    email: 'E-mail',
    password: 'Kata sandi',
    submit: 'Masuk',
    firstTime: 'Pertama kali? Masukkan kode penyiapan dari admin.',
    setupTitle: 'Login pertama',
    setupIntro: 'Admin memberi Anda kode penyiapan sekali pakai. Pilih kata sandi Anda sendiri dengan kode itu.',
    secret: 'Kode penyiapan atau reset',
    newPassword: 'Kata sandi baru',
    newPasswordHint: 'Minimal 10 karakter.',
    setupSubmit: 'Simpan kata sandi dan masuk',
    setupDone: 'Kata sandi tersimpan.',
    homeTitle: 'Layanan Aspirasi dan Pengaduan Online Rakyat',
    homeIntro:
      'Sampaikan pengaduan, aspirasi atau permintaan informasi kepada pemerintah provinsi. Laporan Anda diverifikasi oleh admin dan diteruskan ke instansi yang berwenang.',
    homeSubmit: 'Buat laporan',
    homeTrack: 'Lacak laporan dengan nomor dan kode akses',
    homeOfficers: 'Petugas dan warga yang memiliki akun: masuk',
  },
  {
    title: 'Log in to LAPOR!',
    email: 'E-mail',
    password: 'Password',
    submit: 'Log in',
    firstTime: 'First time? Enter the setup secret your admin gave you.',
    setupTitle: 'First login',
    setupIntro: 'Your admin gave you a one-time setup secret. Choose your own password with it.',
    secret: 'Setup or reset secret',
    newPassword: 'New password',
    newPasswordHint: 'At least 10 characters.',
    setupSubmit: 'Save password and log in',
    setupDone: 'Password saved.',
    homeTitle: 'Public complaints and aspirations service',
    homeIntro:
      'Send a complaint, an aspiration or a request for information to the provincial government. The admin verifies your report and passes it to the agency responsible.',
    homeSubmit: 'Submit a report',
    homeTrack: 'Track a report with its number and access code',
    homeOfficers: 'Officers and citizens with an account: log in',
  },
);
