import fs from "node:fs";
import path from "node:path";

/** The mirrored API's documentation pages, beside the repository (shared/reference/crux-docs). */
export const cruxDocsDir = path.resolve(import.meta.dirname, "../../../shared/reference/crux-docs");

export interface CurlExample {
  page: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  form?: [string, string][];
}

/** Splits a shell command line into words the way a POSIX shell (bash, for $'…') would. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  const append = (text: string) => (word = (word ?? "") + text);
  for (let i = 0; i < command.length; ) {
    const char = command[i]!;
    if (char === "\\" && command[i + 1] === "\n") {
      i += 2;
    } else if (/\s/.test(char)) {
      if (word !== null) words.push(word);
      word = null;
      i++;
    } else if (char === "'") {
      const end = command.indexOf("'", i + 1);
      append(command.slice(i + 1, end));
      i = end + 1;
    } else if (char === "$" && command[i + 1] === "'") {
      let j = i + 2;
      let text = "";
      const escapes: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"' };
      while (command[j] !== "'") {
        if (command[j] === "\\") {
          text += escapes[command[j + 1]!] ?? `\\${command[j + 1]}`;
          j += 2;
        } else text += command[j++];
      }
      append(text);
      i = j + 1;
    } else if (char === '"') {
      let j = i + 1;
      let text = "";
      while (command[j] !== '"') {
        if (command[j] === "\\" && '\\"$`'.includes(command[j + 1]!)) {
          text += command[j + 1];
          j += 2;
        } else text += command[j++];
      }
      append(text);
      i = j + 1;
    } else {
      append(char);
      i++;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/** The curl example of each documented endpoint, parsed into what it sends. */
export function curlExamples(): CurlExample[] {
  const examples: CurlExample[] = [];
  for (const page of fs.readdirSync(cruxDocsDir).filter((name) => name.endsWith(".md")).sort()) {
    const text = fs.readFileSync(path.join(cruxDocsDir, page), "utf8");
    const block = /~~~ bash\n(curl [\s\S]*?)\n~~~\n\{: title="Curl" \}/.exec(text)?.[1];
    if (!block) continue;
    const words = shellWords(block);
    // curl would POST a -d body; the page's own `method:` says what the endpoint takes.
    const documented = /^method: (\w+)$/m.exec(text)?.[1]?.toUpperCase() ?? "GET";
    const example: CurlExample = { page, method: documented, path: "", headers: {} };
    for (let i = 1; i < words.length; i++) {
      const word = words[i]!;
      if (word === "-X") example.method = words[++i]!;
      else if (word === "-H") {
        const header = words[++i]!;
        const colon = header.indexOf(":");
        example.headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
      } else if (word === "-d") example.body = words[++i];
      else if (word === "-u") example.headers.Authorization = `Basic ${Buffer.from(words[++i]!).toString("base64")}`;
      else if (word === "-F") {
        const field = words[++i]!;
        const equals = field.indexOf("=");
        (example.form ??= []).push([field.slice(0, equals), field.slice(equals + 1)]);
      } else if (/^https?:\/\//.test(word)) example.path = new URL(word).pathname;
    }
    examples.push(example);
  }
  return examples;
}
