import { describe, expect, it } from 'vitest';
import { FaultlineError } from '../../src/core/errors.js';
import { leaseIsUnsafe, parseStoreArgs } from '../../src/store/parse-store-args.js';

const base = ['--id', 'n1', '--mode', 'raft', '--client-port', '7001', '--peer-port', '7101'];

describe('parseStoreArgs', () => {
  it('parses the full contract with defaults', () => {
    const o = parseStoreArgs([...base, '--peers', 'n2=127.0.0.1:17012,n3=127.0.0.1:17013']);
    expect(o).toMatchObject({
      id: 'n1', mode: 'raft', host: '127.0.0.1', clientPort: 7001, peerPort: 7101, dataDir: null,
      electionTimeoutMs: 300, heartbeatMs: 50, leaseMs: 240,
      peers: [{ id: 'n2', host: '127.0.0.1', port: 17012 }, { id: 'n3', host: '127.0.0.1', port: 17013 }],
    });
  });

  it('accepts --flag=value and every optional flag', () => {
    const o = parseStoreArgs([...base, '--mode=lease', '--data-dir', '/tmp/d', '--seed=7', '--election-timeout-ms', '500', '--heartbeat-ms', '20', '--lease-ms', '600']);
    expect(o).toMatchObject({ mode: 'lease', dataDir: '/tmp/d', seed: 7, electionTimeoutMs: 500, heartbeatMs: 20, leaseMs: 600 });
    expect(leaseIsUnsafe(o)).toBe(true);
  });

  it('quorum mode: --replicas, --r, --w, --sloppy with defaults from the node count', () => {
    const peers = ['--peers', 'n2=127.0.0.1:17012,n3=127.0.0.1:17013,n4=127.0.0.1:17014,n5=127.0.0.1:17015'];
    expect(parseStoreArgs([...base, '--mode', 'quorum', ...peers]).quorum).toEqual({ replicas: 3, r: 2, w: 2, sloppy: false });
    expect(parseStoreArgs([...base, '--mode', 'quorum', ...peers, '--replicas', '5', '--r', '1', '--w', '1', '--sloppy', 'true']).quorum).toEqual({
      replicas: 5, r: 1, w: 1, sloppy: true,
    });
  });

  it.each([
    [[...base, '--mode', 'quorum', '--replicas', '2'], /--replicas must be an integer from 1 to the number of nodes \(1\)/],
    [[...base, '--mode', 'quorum', '--r', '2'], /--r must be an integer from 1 to --replicas \(1\)/],
    [[...base, '--mode', 'quorum', '--sloppy', 'yes'], /--sloppy must be true or false/],
    [[...base, '--w', '1'], /apply to --mode quorum only/],
  ])('quorum flags: %j is a usage error', (argv, message) => {
    expect(() => parseStoreArgs(argv)).toThrow(message);
  });

  it.each([
    [['--id', 'n1'], /--mode/],
    [[...base, '--mode', 'paxos'], /--mode must be one of/],
    [[...base, '--client-port', 'x'], /--client-port must be an integer/],
    [[...base, '--client-port', '70000'], /between 1 and 65535/],
    [[...base, '--peers', 'n2@host'], /name=host:port/],
    [[...base, '--peers', 'n1=127.0.0.1:1'], /itself/],
    [[...base, '--peers', 'n2=h:1,n2=h:2'], /twice/],
    [[...base, '--bogus', '1'], /unknown flag --bogus/],
    [[...base, '--seed'], /needs a value/],
    [['stray'], /unexpected argument/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseStoreArgs(argv)).toThrow(message);
    try {
      parseStoreArgs(argv);
    } catch (err) {
      expect(err).toBeInstanceOf(FaultlineError);
      expect((err as FaultlineError).code).toBe('usage');
    }
  });
});
