// After closure the reporter is asked, prominently, to rate the resolution: the diagram offers the
// reporter an action with a RATING input (within the window it sets), and this card opens that action's
// form at the top of the report page. The rating then shows on the report for whoever sees it; its
// comment only for officers (the API sends it only to them).
import { ActionForm, type ReportAction } from '../../components/action-form';
import { RatingStars } from '../../components/rating';
import type { LiaisonReportDetailFragment } from '../../gql/graphql';
import { format, useLang } from '../../i18n';
import { messages } from './messages';

/** The action that asks for a rating, if the viewer is offered one now. */
export function ratingAction(actions: ReportAction[]): ReportAction | null {
  return actions.find((action) => action.inputs.some((input) => input.kind === 'RATING')) ?? null;
}

type PromptProps = {
  reportId: string;
  action: ReportAction;
  onDone: (action: ReportAction) => void;
  onDismiss: () => void;
  onBusyChange?: (busy: boolean) => void;
};

export function RatingPrompt({ reportId, action, onDone, onDismiss, onBusyChange }: PromptProps) {
  const { t } = useLang();
  const words = t(messages);
  return (
    <section class="card rating-prompt" aria-labelledby="rating-prompt-title">
      <h2 id="rating-prompt-title">{words.ratingPromptTitle}</h2>
      <p class="muted">{words.ratingPromptIntro}</p>
      <ActionForm
        reportId={reportId}
        action={action}
        autoFocus={false}
        onDone={onDone}
        onCancel={onDismiss}
        onBusyChange={onBusyChange}
      />
    </section>
  );
}

export function ReportRating({ rating }: { rating: NonNullable<LiaisonReportDetailFragment['rating']> }) {
  const { t, formatDate } = useLang();
  const words = t(messages);
  return (
    <div class="report-page__rating" data-testid="report-rating">
      <span class="report-page__rating-label">{words.rating}:</span> <RatingStars score={rating.score} />{' '}
      <span class="muted">
        ({format(words.ratedAt, { date: formatDate(rating.ratedAt) })})
      </span>
      {rating.comment && (
        <p class="report-page__rating-comment">
          <span class="visually-hidden">{words.ratingComment}: </span>
          <q class="user-text">{rating.comment}</q>
        </p>
      )}
    </div>
  );
}
