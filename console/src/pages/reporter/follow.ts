// Following a report by its tracking number and access code: the API answers with the report's token
// in the HttpOnly session cookie (`cookie: true`), so the page never holds it. The cookie replaces any
// login of this browser, so the live connection and the session are read again afterwards.
import { request, resetLiveConnection } from '../../api/client';
import type { PayloadErrors } from '../../session';
import { ReporterFollow } from './queries';

export type FollowResult = { reportId: string; errors: [] } | { reportId: null; errors: PayloadErrors };

export async function followReport(
  trackingNumber: string,
  accessCode: string,
  reloadSession: () => Promise<void>,
): Promise<FollowResult> {
  const { reportAccessTokenCreate: answer } = await request(ReporterFollow, {
    input: { trackingNumber: trackingNumber.trim(), accessCode: accessCode.trim(), cookie: true },
  });
  if (answer.errors.length || !answer.report) return { reportId: null, errors: answer.errors };
  // The websocket authenticated with the old cookie at its handshake: open a new one as the report's viewer.
  resetLiveConnection();
  await reloadSession();
  return { reportId: answer.report.id, errors: [] };
}
