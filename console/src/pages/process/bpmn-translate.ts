// bpmn-js speaks English; in the Indonesian console its palette, context pad and replace menu speak
// Indonesian through diagram-js's `translate` service. Words not listed stay English.
import type { Lang } from '../../i18n';

const INDONESIAN: Record<string, string> = {
  'Activate hand tool': 'Alat geser kanvas',
  'Activate lasso tool': 'Alat pilih laso',
  'Activate create/remove space tool': 'Alat tambah/kurangi ruang',
  'Activate global connect tool': 'Alat hubungkan',
  'Create start event': 'Buat event awal',
  'Create intermediate/boundary event': 'Buat event antara/batas',
  'Create end event': 'Buat event akhir',
  'Create gateway': 'Buat gateway',
  'Create task': 'Buat tugas',
  'Create expanded sub-process': 'Buat sub-proses',
  'Create data object reference': 'Buat objek data',
  'Create data store reference': 'Buat penyimpanan data',
  'Create pool/participant': 'Buat pool/peserta',
  'Create group': 'Buat grup',
  'Append end event': 'Sambung event akhir',
  'Append gateway': 'Sambung gateway',
  'Append task': 'Sambung tugas',
  'Append intermediate/boundary event': 'Sambung event antara/batas',
  'Append message intermediate catch event': 'Sambung event tangkap pesan',
  'Append timer intermediate catch event': 'Sambung event tangkap timer',
  'Append signal intermediate catch event': 'Sambung event tangkap sinyal',
  'Append conditional intermediate catch event': 'Sambung event tangkap kondisi',
  'Append receive task': 'Sambung tugas terima',
  'Append compensation activity': 'Sambung aktivitas kompensasi',
  'Add text annotation': 'Tambah anotasi teks',
  'Add lane above': 'Tambah lajur di atas',
  'Add lane below': 'Tambah lajur di bawah',
  'Divide into two lanes': 'Bagi menjadi dua lajur',
  'Divide into three lanes': 'Bagi menjadi tiga lajur',
  'Change element': 'Ganti jenis elemen',
  'Change type': 'Ganti jenis',
  'Connect to other element': 'Hubungkan ke elemen lain',
  'Connect using association': 'Hubungkan dengan asosiasi',
  'Connect using data input association': 'Hubungkan dengan asosiasi data',
  'Toggle non-interrupting': 'Tidak menyela / menyela',
  Delete: 'Hapus',
  'Search in diagram': 'Cari di diagram',
  'Edit label': 'Ubah label',
  Task: 'Tugas',
  'User task': 'Tugas pengguna',
  'Script task': 'Tugas skrip',
  'Business rule task': 'Tugas aturan bisnis',
  'Service task': 'Tugas layanan',
  'Send task': 'Tugas kirim',
  'Receive task': 'Tugas terima',
  'Manual task': 'Tugas manual',
  'Start event': 'Event awal',
  'End event': 'Event akhir',
  'Intermediate throw event': 'Event lempar antara',
  'Message intermediate catch event': 'Event tangkap pesan',
  'Timer intermediate catch event': 'Event tangkap timer',
  'Message boundary event': 'Event batas pesan',
  'Timer boundary event': 'Event batas timer',
  'Message boundary event (non-interrupting)': 'Event batas pesan (tidak menyela)',
  'Timer boundary event (non-interrupting)': 'Event batas timer (tidak menyela)',
  'Exclusive gateway': 'Gateway eksklusif',
  'Parallel gateway': 'Gateway paralel',
  'Inclusive gateway': 'Gateway inklusif',
  'Event-based gateway': 'Gateway berbasis event',
  'Sequence flow': 'Alur urutan',
  'Default flow': 'Alur bawaan',
  'Conditional flow': 'Alur bersyarat',
};

type Replacements = Record<string, string> | undefined;

function translator(lang: Lang) {
  return (template: string, replacements?: Replacements): string => {
    const text = lang === 'id' ? (INDONESIAN[template] ?? template) : template;
    return text.replace(/{([^}]+)}/g, (whole, key: string) => replacements?.[key] ?? whole);
  };
}

/** A diagram-js module overriding `translate` with the console's language. */
export function translateModule(lang: Lang) {
  return { translate: ['value', translator(lang)] };
}
