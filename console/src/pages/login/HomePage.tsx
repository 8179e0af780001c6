import { useLang } from '../../i18n';
import { Link } from '../../router';
import { messages } from './messages';

/** The public front page: submit, track, or log in. */
export default function HomePage() {
  const { t } = useLang();
  const words = t(messages);
  return (
    <section class="home">
      <h1>{words.homeTitle}</h1>
      <p class="lead">{words.homeIntro}</p>
      <div class="home__actions">
        <Link href="/submit" class="button button--primary">
          {words.homeSubmit}
        </Link>
        <Link href="/track" class="button">
          {words.homeTrack}
        </Link>
        <Link href="/login" class="button button--quiet">
          {words.homeOfficers}
        </Link>
      </div>
      <p class="home__transparency">
        <Link href="/transparency">{words.homeTransparency}</Link>
      </p>
    </section>
  );
}
