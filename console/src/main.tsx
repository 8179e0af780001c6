import { render } from 'preact';
import { App } from './app';
import { LangProvider } from './i18n';
import { SessionProvider } from './session';
import './styles.css';

render(
  <LangProvider>
    <SessionProvider>
      <App />
    </SessionProvider>
  </LangProvider>,
  document.getElementById('app')!,
);
