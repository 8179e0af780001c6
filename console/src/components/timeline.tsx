// A report's whole audit trail, oldest first: what happened (the API's label), who did it, when, the
// message everyone who sees the report reads, and the internal note only officers get (the API sends it
// only to them; here it is marked so nobody mistakes it for a public answer). The reporter's replies and
// the agency's answers look different. Every text is citizen- or officer-written: rendered as text only.
import { graphql } from '../gql';
import type { TimelineEventFragment } from '../gql/graphql';
import { defineMessages, useLang } from '../i18n';
import { AttachmentList } from './attachments';
import './report-components.css';

/**
 * The fields the timeline reads: action, actionLabel, fromStatus, toStatus, message, internalNote,
 * isPublic, actorRole, actor { id name role agency { id name } }, createdAt, dueAt, attachments.
 * Spread `...TimelineEvent` in `timeline { ... }`.
 */
export const TimelineEvent = graphql(`
  fragment TimelineEvent on ReportEvent {
    action
    actionLabel
    fromStatus
    toStatus
    message
    internalNote
    suggestedAgency {
      id
      code
      name
    }
    isPublic
    actorRole
    actor {
      id
      name
      role
      agency {
        id
        name
      }
    }
    createdAt
    dueAt
    attachments {
      ...AttachmentView
    }
  }
`);

export type TimelineEntry = TimelineEventFragment;

export const timelineMessages = defineMessages(
  {
    title: 'Riwayat',
    empty: 'Belum ada riwayat.',
    internalNote: 'Catatan internal (tidak terlihat oleh pelapor)',
    suggestedAgency: 'Instansi yang disarankan',
    internalEntry: 'Internal',
    reply: 'Balasan pelapor',
    answer: 'Tanggapan instansi',
    adminMessage: 'Pesan admin',
    by: 'oleh',
    dueAt: 'jatuh tempo',
    roleCITIZEN: 'Pelapor',
    roleLIAISON: 'Pejabat Penghubung',
    roleADMIN: 'Admin',
    roleANALYST: 'Analis',
    roleSYSTEM: 'Sistem',
    roleREPORTER: 'Pelapor',
  },
  {
    title: 'Timeline',
    empty: 'Nothing has happened yet.',
    internalNote: 'Internal note (not shown to the reporter)',
    suggestedAgency: 'Suggested agency',
    internalEntry: 'Internal',
    reply: 'Reporter’s reply',
    answer: 'Agency’s answer',
    adminMessage: 'Admin’s message',
    by: 'by',
    dueAt: 'due',
    roleCITIZEN: 'Reporter',
    roleLIAISON: 'Liaison officer',
    roleADMIN: 'Admin',
    roleANALYST: 'Analyst',
    roleSYSTEM: 'System',
    roleREPORTER: 'Reporter',
  },
);

type RoleKey = 'roleCITIZEN' | 'roleREPORTER' | 'roleLIAISON' | 'roleADMIN' | 'roleANALYST' | 'roleSYSTEM';

/** The reporter acts as CITIZEN with an account, as REPORTER with the report's access code. */
const REPORTER_ROLES = new Set(['CITIZEN', 'REPORTER']);

/** Whose message an entry carries: the reporter's reply, the agency's (a liaison's) answer, the
 *  admin's message (a hold or archive reason, a disposition note), or none (timers write no message). */
function messageKind(event: TimelineEntry): 'reply' | 'answer' | 'admin' | null {
  if (!event.message) return null;
  if (REPORTER_ROLES.has(event.actorRole)) return 'reply';
  if (event.actorRole === 'LIAISON') return 'answer';
  if (event.actorRole === 'ADMIN') return 'admin';
  return null;
}

export function Timeline({ events, headingLevel = 2 }: { events: TimelineEntry[]; headingLevel?: 2 | 3 }) {
  const { t, formatDateTime } = useLang();
  const words = t(timelineMessages);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const roleLabel = (role: string) => {
    const key = `role${role}` as RoleKey;
    return key in words ? words[key] : role;
  };
  return (
    <section class="timeline" aria-labelledby="timeline-title">
      <Heading id="timeline-title">{words.title}</Heading>
      {events.length === 0 ? (
        <p class="muted">{words.empty}</p>
      ) : (
        <ol class="timeline__list">
          {events.map((event, index) => {
            const kind = messageKind(event);
            // Without `actor` the viewer may not know who (an anonymous reporter, an officer to the public).
            const actor = event.actor
              ? `${event.actor.name}${event.actor.agency ? ` — ${event.actor.agency.name}` : ''}`
              : roleLabel(event.actorRole);
            return (
              <li
                key={`${event.createdAt}-${index}`}
                class={`timeline__event timeline__event--${kind ?? 'plain'}${event.isPublic ? '' : ' timeline__event--internal'}`}
              >
                <div class="timeline__head">
                  <strong class="timeline__label">{event.actionLabel}</strong>
                  {!event.isPublic && <span class="badge badge--warn">{words.internalEntry}</span>}
                  {kind && (
                    <span class={`badge ${kind === 'reply' ? 'badge--reply' : kind === 'answer' ? 'badge--ok' : ''}`}>
                      {kind === 'reply' ? words.reply : kind === 'answer' ? words.answer : words.adminMessage}
                    </span>
                  )}
                </div>
                <div class="timeline__meta muted">
                  <span>
                    {words.by} <span class="timeline__actor">{actor}</span>
                    {event.actor && ` (${roleLabel(event.actorRole)})`}
                  </span>
                  {' · '}
                  <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
                  {event.dueAt && (
                    <>
                      {' · '}
                      {words.dueAt} <time dateTime={event.dueAt}>{formatDateTime(event.dueAt)}</time>
                    </>
                  )}
                </div>
                {event.message && (
                  <blockquote class={`timeline__message timeline__message--${kind} user-text`}>{event.message}</blockquote>
                )}
                {event.internalNote && (
                  <div class="timeline__internal">
                    <span class="timeline__internal-label">{words.internalNote}</span>
                    <p class="user-text">{event.internalNote}</p>
                    {event.suggestedAgency && (
                      <p>
                        {words.suggestedAgency}: {event.suggestedAgency.name} ({event.suggestedAgency.code})
                      </p>
                    )}
                  </div>
                )}
                <AttachmentList attachments={event.attachments} />
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
