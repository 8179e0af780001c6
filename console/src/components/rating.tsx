// The reporter's rating of a resolution, 1 to 5: asked with a group of five radio buttons drawn as stars
// (arrow keys move between them, each is named by its number and what it means), and shown as stars
// with the number beside them for screen readers and for print.
import { defineMessages, format, useLang } from '../i18n';
import './rating.css';

export const SCORES = [1, 2, 3, 4, 5] as const;

export const ratingMessages = defineMessages(
  {
    score1: 'Sangat tidak puas',
    score2: 'Tidak puas',
    score3: 'Cukup',
    score4: 'Puas',
    score5: 'Sangat puas',
    outOf: '{score} dari 5',
    choice: '{score} — {meaning}',
  },
  {
    score1: 'Very dissatisfied',
    score2: 'Dissatisfied',
    score3: 'Neutral',
    score4: 'Satisfied',
    score5: 'Very satisfied',
    outOf: '{score} of 5',
    choice: '{score} — {meaning}',
  },
);

type ScoreKey = `score${(typeof SCORES)[number]}`;

export function useScoreMeaning(): (score: number) => string {
  const { t } = useLang();
  const words = t(ratingMessages);
  return (score: number) => words[`score${score}` as ScoreKey] ?? String(score);
}

type RatingInputProps = {
  /** The radio buttons' name and the id prefix. */
  id: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  describedBy?: string;
};

/** Five radio buttons; the chosen one and those below it are drawn as filled stars. */
export function RatingInput({ id, value, onChange, required, describedBy }: RatingInputProps) {
  const { t } = useLang();
  const words = t(ratingMessages);
  const meaning = useScoreMeaning();
  const chosen = Number(value) || 0;
  return (
    <div class="rating-input" aria-describedby={describedBy}>
      <div class="rating-input__stars">
        {SCORES.map((score) => (
          <span key={score} class="rating-input__option">
            <input
              id={`${id}-${score}`}
              class="rating-input__radio"
              type="radio"
              name={id}
              value={String(score)}
              checked={chosen === score}
              required={required}
              onChange={() => onChange(String(score))}
            />
            <label
              for={`${id}-${score}`}
              class={`rating-input__star${score <= chosen ? ' rating-input__star--on' : ''}`}
              title={meaning(score)}
            >
              <span aria-hidden="true">★</span>
              <span class="visually-hidden">{format(words.choice, { score, meaning: meaning(score) })}</span>
            </label>
          </span>
        ))}
      </div>
      <span class="rating-input__meaning" aria-hidden="true">
        {chosen ? `${chosen}/5 · ${meaning(chosen)}` : ''}
      </span>
    </div>
  );
}

/** A score as stars, e.g. ★★★★☆, named "4 of 5" for screen readers. */
export function RatingStars({ score }: { score: number }) {
  const { t } = useLang();
  const words = t(ratingMessages);
  const meaning = useScoreMeaning();
  return (
    <span class="rating-stars" role="img" aria-label={`${format(words.outOf, { score })} (${meaning(score)})`} data-score={score}>
      <span aria-hidden="true">
        <span class="rating-stars__on">{'★'.repeat(score)}</span>
        <span class="rating-stars__off">{'★'.repeat(Math.max(0, 5 - score))}</span>
      </span>
      <span class="rating-stars__number" aria-hidden="true">
        {' '}
        {score}/5
      </span>
    </span>
  );
}
