// Pure parts of the docker backend and its adapters: no Docker needed.
import { describe, expect, it } from 'vitest';
import { FaultlineError } from '../../src/core/errors.js';
import { validateClusterSpec, loadClusterSpec, BUILTIN_SPECS } from '../../src/cluster/docker/cluster-spec.js';
import { renderTemplate, templateVars } from '../../src/cluster/docker/render-template.js';
import { isIPv4, nodeFaultScript, nodeNetworkFaults } from '../../src/cluster/docker/node-fault-script.js';
import { tarArchive } from '../../src/cluster/docker/tar-archive.js';
import { capabilitiesFrom } from '../../src/cluster/docker/detect-capabilities.js';
import { demuxLogs } from '../../src/cluster/docker/demux-logs.js';
import { subnetFor } from '../../src/cluster/docker/pick-subnet.js';
import { encodeCommand, parseReply, RespError } from '../../src/adapters/redis/resp-connection.js';
import { decodeRead } from '../../src/adapters/redis/redis-adapter.js';
import { b64, decodeValue } from '../../src/adapters/etcd/etcd-adapter.js';

const layout = [
  { name: 'n1', ip: '10.233.5.10' },
  { name: 'n2', ip: '10.233.5.11' },
  { name: 'n3', ip: '10.233.5.12' },
];
const ips = new Map(layout.map((n) => [n.name, n.ip]));

describe('cluster specs', () => {
  it.each(BUILTIN_SPECS)('built-in spec %s is valid', (name) => {
    expect(loadClusterSpec(name).name).toBe(name);
  });

  const good = loadClusterSpec('etcd');
  it.each([
    ['missing command', { ...good, command: undefined }, 'command'],
    ['unknown field', { ...good, colour: 'red' }, 'colour'],
    ['bad fault', { ...good, faults: ['partition', 'earthquake'] }, 'faults.1'],
    ['bad port', { ...good, ports: { client: 0 } }, 'ports.client'],
    ['bad probe', { ...good, readiness: { type: 'http' } }, 'readiness.path'],
    ['neither image nor recipe', { ...good, image: undefined, recipe: undefined }, 'image'],
    ['node range', { ...good, nodes: { min: 5, max: 3 } }, 'nodes'],
    ['fault both supported and unsupported', { ...good, faults: ['clock'] }, 'faults'],
  ])('rejects %s naming the field', (_, spec, field) => {
    const clean = JSON.parse(JSON.stringify(spec)) as unknown;
    try {
      validateClusterSpec(clean, 'my-spec.json');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(FaultlineError);
      expect((err as FaultlineError).code).toBe('input');
      expect((err as FaultlineError).message).toContain('my-spec.json');
      expect((err as FaultlineError).message).toContain(`"${field}"`);
    }
  });
});

describe('templates', () => {
  it('computes variables and renders', () => {
    const v = templateVars(layout, 1, { client: 2379, peer: 2380 });
    expect(v).toMatchObject({ name: 'n2', ip: '10.233.5.11', index: '2', nodeCount: '3', quorum: '2', peers: '10.233.5.10,10.233.5.12', primaryIp: '10.233.5.10' });
    expect(v.initialCluster).toBe('n1=http://10.233.5.10:2380,n2=http://10.233.5.11:2380,n3=http://10.233.5.12:2380');
    expect(renderTemplate('--name={{ name }} --ip {{ip}}', v, 'command[0]')).toBe('--name=n2 --ip 10.233.5.11');
  });
  it('rejects an unknown variable naming the field', () => {
    const v = templateVars(layout, 0, { client: 1 });
    expect(() => renderTemplate('{{nmae}}', v, 'command[3]')).toThrow(/\{\{nmae\}\}.*command\[3\]/);
  });
});

describe('fault scripts', () => {
  it.each([
    ['10.0.0.1', true],
    ['255.255.255.255', true],
    ['256.1.1.1', false],
    ['1.2.3', false],
    ['1.2.3.4; rm -rf /', false],
    ['01.2.3.4', false],
  ])('isIPv4(%s) = %s', (s, ok) => expect(isIPv4(s)).toBe(ok));

  it('turns a grudge into INPUT drops on the nodes that cannot hear', () => {
    const f = nodeNetworkFaults(ips, { n1: ['n2', 'n3'], n2: ['n1'], n3: ['n1'] }, {}, undefined);
    expect(f.get('n1')!.dropFrom).toEqual(['10.233.5.11', '10.233.5.12']);
    expect(f.get('n2')!.dropFrom).toEqual(['10.233.5.10']);
    const script = nodeFaultScript(f.get('n1')!, { useTc: false });
    expect(script).toContain("'-A INPUT -s 10.233.5.11/32 -j DROP'");
    expect(script).toContain('iptables-restore');
    expect(script).not.toContain('tc ');
  });

  it('an empty state renders an empty table (heal)', () => {
    const script = nodeFaultScript(nodeNetworkFaults(ips, {}, {}, undefined).get('n2')!, { useTc: true });
    expect(script).not.toContain('-A INPUT');
    expect(script).toContain('tc qdisc del dev eth0 root');
    expect(script).not.toContain('netem');
  });

  it('loss applies to links into the target nodes only; delay through netem', () => {
    const f = nodeNetworkFaults(ips, {}, { lossProbability: 0.25, delayMs: 50, jitterMs: 5 }, ['n3']);
    expect(f.get('n1')!.lossFrom).toEqual([]);
    expect(f.get('n3')!.lossFrom).toEqual(['10.233.5.10', '10.233.5.11']);
    expect(f.get('n1')!.netemTo).toEqual(['10.233.5.12']);
    expect(f.get('n3')!.netemTo).toEqual([]);
    const s3 = nodeFaultScript(f.get('n3')!, { useTc: false });
    expect(s3).toContain('--probability 0.25');
    const s1 = nodeFaultScript(f.get('n1')!, { useTc: true });
    expect(s1).toContain('netem delay 50ms 5ms');
    expect(s1).toContain('match ip dst 10.233.5.12/32');
  });

  it.each([
    [{ n9: ['n1'] }, {}, undefined],
    [{ n1: ['n9'] }, {}, undefined],
    [{}, { lossProbability: 1.5 }, undefined],
    [{}, { delayMs: -1 }, undefined],
    [{}, { lossProbability: 0.1 }, ['n7']],
  ])('rejects unknown nodes and bad numbers (%j %j %j)', (grudge, packet, targets) => {
    expect(() => nodeNetworkFaults(ips, grudge, packet, targets)).toThrow(FaultlineError);
  });

  it('refuses a non-IPv4 address in a script', () => {
    const f = { dropFrom: ['1.2.3.4 -j ACCEPT'], lossFrom: [], lossProbability: 0, netemTo: [], delayMs: 0, jitterMs: 0, duplicateProbability: 0 };
    expect(() => nodeFaultScript(f, { useTc: false })).toThrow(/IPv4/);
  });
});

describe('capabilities', () => {
  const etcd = loadClusterSpec('etcd');
  const redis = loadClusterSpec('redis');
  it('offers only what the spec lists and the machine can do', () => {
    const d = capabilitiesFrom(etcd, 'IPTABLES\nSTATISTIC\n', false);
    expect([...d.capabilities].sort()).toEqual(['kill', 'packet-loss', 'partition', 'pause']);
    expect(d.unavailable.get('packet-delay')).toMatch(/netem/);
    expect(d.unavailable.get('clock')).toMatch(/Go program/);
  });
  it('clock needs the interposer; netem gives delay and duplication', () => {
    expect(capabilitiesFrom(redis, 'IPTABLES STATISTIC NETEM', true).capabilities.has('clock')).toBe(true);
    expect(capabilitiesFrom(redis, 'IPTABLES STATISTIC NETEM', true).capabilities.has('packet-delay')).toBe(true);
    expect(capabilitiesFrom(redis, '', false).capabilities.has('clock')).toBe(false);
    expect(capabilitiesFrom(redis, '', false).capabilities.has('partition')).toBe(false);
  });
});

describe('tar archive', () => {
  it('writes ustar headers with valid checksums, data padded to 512', () => {
    const tar = tarArchive([
      { type: 'dir', path: 'etc' },
      { type: 'file', path: 'etc/passwd', data: 'root:x:0:0\n' },
      { type: 'symlink', path: 'bin', target: 'usr/bin' },
    ]);
    expect(tar.length).toBe(512 * (1 + 2 + 1) + 1024);
    for (const at of [0, 512, 1536]) {
      const h = tar.subarray(at, at + 512);
      const stored = parseInt(h.toString('ascii', 148, 154), 8);
      const copy = Buffer.from(h);
      copy.fill(' ', 148, 156);
      expect(copy.reduce((a, b) => a + b, 0)).toBe(stored);
      expect(h.toString('ascii', 257, 262)).toBe('ustar');
    }
    expect(tar.toString('utf8', 0, 4)).toBe('etc/');
    expect(tar.toString('utf8', 1024, 1035)).toBe('root:x:0:0\n');
    expect(String.fromCharCode(tar[1536 + 156]!)).toBe('2');
    expect(tar.toString('utf8', 1536 + 157, 1536 + 164)).toBe('usr/bin');
  });
});

describe('small helpers', () => {
  it('subnets', () => {
    const s = subnetFor(42);
    expect([s.subnet, s.gateway, s.nodeIp(0), s.nodeIp(4)]).toEqual(['10.233.42.0/24', '10.233.42.1', '10.233.42.10', '10.233.42.14']);
    expect(() => subnetFor(256)).toThrow();
  });
  it('demuxes docker log frames', () => {
    const frame = (kind: number, s: string): Buffer => {
      const h = Buffer.alloc(8);
      h[0] = kind;
      h.writeUInt32BE(Buffer.byteLength(s), 4);
      return Buffer.concat([h, Buffer.from(s)]);
    };
    expect(demuxLogs(Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n')]))).toBe('out\nerr\n');
  });
  it('etcd values round-trip through base64 JSON', () => {
    expect(decodeValue(b64(JSON.stringify(3)))).toBe(3);
    expect(decodeValue(undefined)).toBe(null);
  });
});

describe('RESP', () => {
  it('encodes commands as arrays of bulk strings', () => {
    expect(encodeCommand(['SET', 'k', 'é']).toString()).toBe('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\né\r\n');
  });
  it.each([
    ['+OK\r\n', 'OK'],
    [':42\r\n', 42],
    ['$-1\r\n', null],
    ['$3\r\nabc\r\n', 'abc'],
    ['*2\r\n$3\r\nset\r\n*2\r\n$1\r\n1\r\n$1\r\n2\r\n', ['set', ['1', '2']]],
    ['*-1\r\n', null],
  ])('parses %j', (wire, value) => {
    const r = parseReply(Buffer.from(wire));
    expect(r?.value).toEqual(value);
    expect(r?.next).toBe(Buffer.byteLength(wire));
  });
  it('parses error replies as data and waits for partial replies', () => {
    expect(parseReply(Buffer.from('-READONLY no\r\n'))?.value).toBeInstanceOf(RespError);
    expect((parseReply(Buffer.from('-READONLY no\r\n'))?.value as RespError).prefix).toBe('READONLY');
    expect(parseReply(Buffer.from('$5\r\nab'))).toBeUndefined();
    expect(parseReply(Buffer.from('*2\r\n:1\r\n'))).toBeUndefined();
    expect(() => parseReply(Buffer.from('?x\r\n'))).toThrow();
  });
  it('decodes reads: sets sorted, strings as JSON, missing as null', () => {
    expect(decodeRead(['set', ['3', '1', '2']])).toEqual([1, 2, 3]);
    expect(decodeRead(['string', '4'])).toBe(4);
    expect(decodeRead(['none'])).toBe(null);
  });
});
