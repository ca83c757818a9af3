// Runs in the browser before the app's own modules. zod 4 probes `new Function("")` when it builds its first object
// schema, to decide whether it may compile fast parsers; the console's Content-Security-Policy (no 'unsafe-eval')
// refuses that, and Chromium reports a CSP violation on every page. Parsing without the compiled fast path is the same.
import { z } from "zod";

z.config({ jitless: true });
