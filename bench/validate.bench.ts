// Validations per second for a 10-account, 35-slide payload: the schema (zod) plus every pre-flight
// rule, beside baselines measured in the same run (the schema alone; a JSON round trip of the payload).
import { preflightCreate } from "../dist/preflight/preflight.js";
import { createPostBody } from "../dist/schemas/post-input.js";
import { ratio, summary } from "./stats.ts";

const PLATFORMS = [
  "tiktok",
  "tiktok",
  "tiktok",
  "tiktok",
  "tiktok",
  "tiktok",
  "tiktok",
  "tiktok",
  "tiktok",
  "tiktok",
];
const accounts = PLATFORMS.map((platform, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  platform,
  type: "byo",
  username: `acct${i}`,
  display_name: `Account ${i}`,
  status: "active",
}));
const payload = {
  caption: "Ten looks for the long weekend — which one is yours? ".repeat(20),
  media: {
    type: "slideshow",
    urls: Array.from({ length: 35 }, (_, i) => `https://cdn.example.com/campaign/slide-${i}.jpg`),
  },
  accounts: accounts.map((a) => ({ id: a.id })),
  scheduled_at: new Date(Date.now() + 86_400_000).toISOString(),
  external_id: "bench-campaign-1",
  tiktok: { post_mode: "MEDIA_UPLOAD", privacy_level: "PUBLIC_TO_EVERYONE", auto_add_music: true },
};

function perSecond(work: () => void, ms = 400): number {
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < ms) {
    for (let i = 0; i < 100; i++) work();
    n += 100;
  }
  return n / ((performance.now() - start) / 1000);
}

export async function run(): Promise<void> {
  const now = Date.now();
  const full = () => {
    const parsed = createPostBody.parse(payload);
    const result = preflightCreate(parsed, accounts, now);
    if (result.violations.length)
      throw new Error(`bench payload is invalid: ${result.violations[0]?.message}`);
  };
  const schemaOnly = () => createPostBody.parse(payload);
  const jsonRoundTrip = () => JSON.parse(JSON.stringify(payload));
  // Warm up long enough for the optimizing compiler to settle on every path.
  for (const f of [full, schemaOnly, jsonRoundTrip]) perSecond(f, 1_000);
  const rounds = 7;
  const fullRates: number[] = [];
  const schemaRates: number[] = [];
  const jsonRates: number[] = [];
  for (let i = 0; i < rounds; i++) {
    fullRates.push(perSecond(full));
    schemaRates.push(perSecond(schemaOnly));
    jsonRates.push(perSecond(jsonRoundTrip));
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] as number;
  console.log("validations/s, 10 accounts × 35 slides (median of 7 rounds, min–max):");
  console.log(`  schema + every pre-flight rule: ${summary(fullRates, 0)}  (target ≥ 100000)`);
  console.log(
    `  baseline, schema alone:         ${summary(schemaRates, 0)}  → full check takes ${ratio(median(schemaRates), median(fullRates))} the time of the schema alone`,
  );
  console.log(
    `  baseline, JSON round trip:      ${summary(jsonRates, 0)}  → full check takes ${ratio(median(jsonRates), median(fullRates))} the time of a JSON round trip`,
  );
}
