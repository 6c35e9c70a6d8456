// The editor experience, tested with the real YAML language server (redhat-developer's
// yaml-language-server, which VS Code's YAML extension and other editors run): the README's
// modeline finds the installed package's schema, a wrong value is flagged where it is, and
// hovering or completing a value shows what it means (the schema's enumDescriptions).
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from './helpers.js';

interface Message {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
}

/** A minimal Language Server Protocol client over stdio. */
class Client {
  private buffer = Buffer.alloc(0);
  private next = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();
  readonly notifications: Message[] = [];
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly server: ChildProcessWithoutNullStreams) {
    server.stdout.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const end = this.buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())![1]);
        if (this.buffer.length < end + 4 + length) return;
        const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString()) as Message;
        this.buffer = this.buffer.subarray(end + 4 + length);
        this.receive(message);
      }
    });
  }

  private receive(message: Message): void {
    if (message.method && message.id !== undefined) {
      // A request from the server: the settings it asks for, or a plain acknowledgement.
      const settings = { validate: true, hover: true, completion: true, schemaStore: { enable: false } };
      const result =
        message.method === 'workspace/configuration'
          ? ((message.params as { items: unknown[] }).items ?? []).map(() => settings)
          : null;
      this.send({ id: message.id, result });
    } else if (message.method) {
      this.notifications.push(message);
      for (const listener of this.listeners.splice(0)) listener();
    } else if (message.id !== undefined) {
      this.waiting.get(message.id)?.(message.result);
      this.waiting.delete(message.id);
    }
  }

  private send(message: object): void {
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    this.server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve as (result: unknown) => void);
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  /** The next notification of a method that satisfies `test`. */
  async until(method: string, test: (params: unknown) => boolean): Promise<unknown> {
    for (;;) {
      const found = this.notifications.find((n) => n.method === method && test(n.params));
      if (found) return found.params;
      await new Promise<void>((resolve) => this.listeners.push(resolve));
    }
  }
}

interface Diagnostics {
  uri: string;
  diagnostics: { message: string; range: { start: { line: number; character: number } } }[];
}

describe('the YAML language server with the README modeline', () => {
  const project = mkdtempSync(join(tmpdir(), 'policygen-editor-'));
  let server: ChildProcessWithoutNullStreams;
  let client: Client;
  // A user's project: the package installed (a link to this checkout), the declaration beside it.
  const file = join(project, 'privacy.yaml');
  const uri = pathToFileURL(file).href;
  const text = readFileSync(join(root, 'examples/minimal.yaml'), 'utf8').replace(
    /^# yaml-language-server: .*$/m,
    '# yaml-language-server: $schema=./node_modules/policygen/schemas/policy.schema.json',
  );

  beforeAll(async () => {
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(root, join(project, 'node_modules', 'policygen'), 'dir');
    writeFileSync(file, text);
    const bin = join(root, 'node_modules/yaml-language-server/bin/yaml-language-server');
    server = spawn(process.execPath, [bin, '--stdio'], { cwd: project });
    client = new Client(server);
    await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(project).href,
      capabilities: {
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } },
        },
        workspace: { configuration: true },
      },
    });
    client.notify('initialized', {});
    client.notify('workspace/didChangeConfiguration', {
      settings: { yaml: { validate: true, hover: true, completion: true, schemaStore: { enable: false } } },
    });
  }, 30_000);

  afterAll(() => {
    server?.kill();
    rmSync(project, { recursive: true, force: true });
  });

  const open = async (content: string, version: number): Promise<Diagnostics> => {
    if (version === 1)
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text: content } });
    else
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: content }] });
    client.notifications.length = 0;
    return (await client.until(
      'textDocument/publishDiagnostics',
      (p) => (p as Diagnostics).uri === uri,
    )) as Diagnostics;
  };
  const position = (content: string, needle: string, offset = 0) => {
    const before = content.slice(0, content.indexOf(needle) + offset).split('\n');
    return { line: before.length - 1, character: before.at(-1)!.length };
  };

  it('loads the schema through the modeline: the example has no problem, a misspelt value is flagged where it is', async () => {
    expect((await open(text, 1)).diagnostics).toEqual([]);
    const wrong = text.replace('legal_basis: legitimate-interests', 'legal_basis: legitimate-interest');
    const { diagnostics } = await open(wrong, 2);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics[0]!.range.start).toEqual(position(wrong, 'legitimate-interest'));
    expect(diagnostics[0]!.message).toMatch(/legitimate-interests/);
    expect(diagnostics).toHaveLength(1);
    await open(text, 3);
  }, 30_000);

  it('explains a value on hover, and each value in completion', async () => {
    const hover = await client.request<{ contents: { value: string } | string }>('textDocument/hover', {
      textDocument: { uri },
      position: position(text, 'legal_basis: legitimate-interests', 'legal_basis: '.length + 2),
    });
    const shown = typeof hover.contents === 'string' ? hover.contents : hover.contents.value;
    expect(shown).toContain("balanced against the person's rights (GDPR Art. 6(1)(f))");
    const spot = position(text, 'legal_basis: legitimate-interests', 'legal_basis: '.length);
    const edited = text.replace('legal_basis: legitimate-interests', 'legal_basis: ');
    await open(edited, 4);
    const completion = await client.request<{ items: { label: string; documentation?: { value: string } | string }[] }>(
      'textDocument/completion',
      { textDocument: { uri }, position: spot },
    );
    const item = completion.items.find((i) => i.label === 'contract');
    expect(item, JSON.stringify(completion.items.map((i) => i.label))).toBeDefined();
    const documentation = typeof item!.documentation === 'string' ? item!.documentation : item!.documentation?.value;
    expect(documentation).toContain('GDPR Art. 6(1)(b)');
    await open(text, 5);
  }, 30_000);
});
