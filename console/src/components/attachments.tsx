// Files attached to a report or to one of its timeline entries: a photo as its thumbnail linking to the
// full image, a PDF as a link with its size. The API sends only the files the viewer may see, with
// short-lived signed addresses of this origin (`/attachments/…`, allowed by the console's img-src 'self').
// The file name is the uploader's: rendered as text only.
import { graphql } from '../gql';
import type { AttachmentViewFragment } from '../gql/graphql';
import { defineMessages, format, useLang } from '../i18n';
import './attachments.css';

/**
 * The fields the attachment list reads. Spread `...AttachmentView` in `attachments { ... }`.
 */
export const AttachmentView = graphql(`
  fragment AttachmentView on Attachment {
    id
    filename
    mediaType
    size
    width
    height
    isInternal
    url
    thumbnailUrl
    urlExpiresAt
  }
`);

export type AttachmentItem = AttachmentViewFragment;

export const attachmentMessages = defineMessages(
  {
    title: 'Lampiran',
    internal: 'Internal',
    internalHint: 'Hanya untuk petugas; pelapor dan publik tidak melihatnya.',
    openImage: 'Buka gambar {name} ({size})',
    pdf: 'PDF',
    image: 'Gambar',
    unavailable: 'belum tersedia',
  },
  {
    title: 'Attachments',
    internal: 'Internal',
    internalHint: 'For officers only; the reporter and the public do not see it.',
    openImage: 'Open image {name} ({size})',
    pdf: 'PDF',
    image: 'Image',
    unavailable: 'not available yet',
  },
);

/** A file size as people read it: "820 KB", "4,2 MB" (in the console's locale). */
export function useFileSize(): (bytes: number) => string {
  const { locale } = useLang();
  return (bytes: number) => {
    if (bytes < 1024) return `${bytes} B`;
    const kb = bytes / 1024;
    if (kb < 1024) return `${Math.round(kb).toLocaleString(locale)} KB`;
    return `${(kb / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
  };
}

/** The thumbnail's box, from the image's own size: the longest side at most 160 px, so nothing jumps while it loads. */
function thumbnailBox(attachment: AttachmentItem): { width: number; height: number } | null {
  const { width, height } = attachment;
  if (!width || !height) return null;
  const scale = Math.min(1, 160 / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function kindLabel(attachment: AttachmentItem, words: { pdf: string; image: string }): string {
  return attachment.mediaType === 'application/pdf' ? words.pdf : words.image;
}

/** The earliest time one of these files' addresses expires: the page reloads them before then. */
export function earliestExpiry(attachments: Iterable<AttachmentItem>): number | null {
  let earliest: number | null = null;
  for (const attachment of attachments) {
    if (!attachment.urlExpiresAt) continue;
    const at = Date.parse(attachment.urlExpiresAt);
    if (earliest === null || at < earliest) earliest = at;
  }
  return earliest;
}

export function AttachmentList({ attachments, compact = false }: { attachments: AttachmentItem[]; compact?: boolean }) {
  const { t } = useLang();
  const words = t(attachmentMessages);
  const size = useFileSize();
  if (attachments.length === 0) return null;
  return (
    <ul class={`attachments${compact ? ' attachments--compact' : ''}`} aria-label={words.title}>
      {attachments.map((attachment) => {
        const box = thumbnailBox(attachment);
        const internal = attachment.isInternal && (
          <span class="badge badge--warn" title={words.internalHint}>
            {words.internal}
          </span>
        );
        if (!compact && attachment.thumbnailUrl && attachment.url) {
          return (
            <li key={attachment.id} class="attachments__item attachments__item--image" data-media-type={attachment.mediaType}>
              <a
                href={attachment.url}
                target="_blank"
                rel="noopener noreferrer"
                class="attachments__thumb-link"
                aria-label={format(words.openImage, { name: attachment.filename, size: size(attachment.size) })}
              >
                <img
                  class="attachments__thumb"
                  src={attachment.thumbnailUrl}
                  alt={attachment.filename}
                  loading="lazy"
                  width={box?.width}
                  height={box?.height}
                />
              </a>
              <span class="attachments__caption user-text">{attachment.filename}</span>
              {internal}
            </li>
          );
        }
        return (
          <li key={attachment.id} class="attachments__item attachments__item--file" data-media-type={attachment.mediaType}>
            <span
              class={`attachments__kind attachments__kind--${attachment.mediaType === 'application/pdf' ? 'pdf' : 'image'}`}
              aria-hidden="true"
            >
              {kindLabel(attachment, words)}
            </span>
            {attachment.url ? (
              <a href={attachment.url} class="attachments__file-link user-text" download={attachment.filename}>
                {attachment.filename}
              </a>
            ) : (
              <span class="user-text">
                {attachment.filename} <span class="muted">({words.unavailable})</span>
              </span>
            )}
            <span class="muted attachments__size">
              {' '}
              (<span class="visually-hidden">{kindLabel(attachment, words)}, </span>
              {size(attachment.size)})
            </span>
            {internal}
          </li>
        );
      })}
    </ul>
  );
}
