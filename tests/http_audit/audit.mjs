// Runs graphql-http's GraphQL-over-HTTP server audits against a URL and prints one JSON array:
// [{id, name, status: "ok" | "warn" | "error" | "notice", reason}]. Usage: node audit.mjs URL
import { serverAudits } from "graphql-http";

const url = process.argv[2];
if (!url) {
  console.error("usage: node audit.mjs URL");
  process.exit(2);
}

const results = [];
// One at a time, in the package's order: the server under test is small and the output reads in order.
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const result = await audit.fn();
  results.push({
    id: result.id,
    name: result.name,
    status: result.status,
    // Failures carry the Response too; its status and body are already in the reason.
    reason: result.status === "ok" ? null : result.reason,
  });
}
process.stdout.write(JSON.stringify(results));
