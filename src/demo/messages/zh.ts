/**
 * ZH: every text the demos print, in Chinese (简体中文), for engineers: the standard terms —
 * 线性一致性 (linearizability), 最终一致性 (eventual consistency), 网络分区 (network partition),
 * 法定人数 (quorum), 脑裂 (split brain), 时钟偏移 (clock skew), 租约读 (lease read), 领导者/主节点/
 * 副本 (leader/primary/replica), 故障转移 (failover), 任期 (term), 多数派 (majority), 隔离/fencing,
 * 陈旧读 (stale read), 已确认的写入 (acknowledged write), 收敛 (convergence), 提示移交 (hinted
 * handoff), 宽松法定人数 (sloppy quorum), 最后写入者胜 (last-writer-wins, LWW). Mode names, flags,
 * units and numbers stay as they are. Same keys as en.ts.
 */
import type { MessageKey } from './en.js';

export const ZH: Readonly<Record<MessageKey, string>> = {
  'cli.header': 'faultline demo {chapter}：{variants}，{nodes} 个节点，每次运行 {seconds} 秒，种子 {seed}',
  'cli.start': '[{i}/{n}] {variant}：运行中',
  'cli.done': '[{variant}] 完成，用时 {elapsed}',
  'cli.fault': '  {variant}：故障 {f}',
  'cli.noFault': '  {variant}：无故障',
  'cli.summary': '汇总：{path}',
  'cli.page': '页面：{path}',

  'page.meta': '种子 {seed} · {nodes} 个节点 · 每次运行 {seconds} 秒 · {faults}',
  'page.rowsHeading': '每一行说明了什么',
  'page.run': '运行',
  'page.runDir': '运行目录',
  'page.report': '报告',

  'col.mode': '模式',
  'col.setting': '配置',
  'col.available': '故障期间可用性',
  'col.linearizable': '线性一致？',
  'col.eventual': '最终一致？',
  'col.lostWrites': '丢失的写入',
  'col.staleness': '最大读滞后',
  'col.convergence': '收敛时间',

  'cell.yes': '是',
  'cell.no': '否',
  'cell.unknown': '未知',
  'cell.na': '不适用',
  'cell.none': '无',
  'cell.never': '未收敛',
  'cell.noFaults': '不适用（无故障）',
  'cell.availability': '{pct}%（{ok}/{attempted}）',
  'cell.eventual.diverged': '否（副本不一致）',
  'cell.eventual.lost': '否（写入丢失）',
  'cell.eventual.phantom': '否（幻影值）',
  'cell.lostByTimestamp': '{n}（按时间戳）',
  'cell.stale': '{worst}（{n} 次陈旧读）',

  'lin.stayed': '保持了线性一致性',
  'lin.not': '不满足线性一致性',
  'lin.unknown': '无法判定是否满足线性一致性',
  'stale.some': '出现了陈旧读（最大滞后 {worst}，{reads} 次读中有 {n} 次）',
  'stale.none': '没有观察到陈旧读',
  'conv.yes': '网络恢复后所有节点收敛到了同一个值',
  'conv.yesWithin': '网络恢复后所有节点在 {d} 之内收敛到了同一个值',
  'conv.yesIn': '网络恢复后所有节点用 {d} 收敛到了同一个值',
  'conv.no': '网络恢复后各节点没有收敛',
  'cap.other': '{mode}：故障期间可用性 {pct}；它{lin}。',

  'cap.tableHeading': '同样的故障，四种复制方式',
  'cap.faults': '网络分区 + 时钟故障（分区方式：隔离领导者），每 {interval} 秒切换一次故障，每秒 {rate} 次操作',
  'cap.raft.cp':
    'raft 选择了一致性（CP）：它{lin}，但故障期间发起的操作只有 {pct} 成功——与多数派失联的领导者停止应答，在选出新的领导者之前，没有任何请求得到服务。',
  'cap.raft.unexpected': 'raft 本应满足线性一致性，但在这次运行中它{lin}：请查看其报告中的反例。',
  'cap.lease.broken':
    'lease 就是 raft，只是领导者在租约有效期内（按它自己的时钟计算）独自应答读请求（租约读）：时钟故障让一个已被取代的领导者的租约继续有效，因此它{lin}（故障期间可用性 {pct}）。建立在时钟之上的一致性，只和时钟一样可靠。',
  'cap.lease.held':
    'lease 就是 raft，只是领导者在租约有效期内（按它自己的时钟计算）独自应答读请求（租约读）；在这次运行中它{lin}（故障期间可用性 {pct}）——时钟故障恰好没有落在已被取代的领导者的租约上（换一个 --seed 试试）。',
  'cap.primary.lost':
    'primary 在错误的一侧选择了可用性：被隔离的主节点继续确认其他节点从未见过的写入，故障转移之后，{n} 个已确认的写入消失了——它是可用的（{pct}），但它{lin}，而且丢失了数据。',
  'cap.primary.lostQuiet':
    'primary 在错误的一侧选择了可用性：被隔离的主节点继续确认其他节点从未见过的写入，故障转移之后，{n} 个已确认的写入消失了——它是可用的（{pct}），而它的客户端都跟随着旧主节点，没有读到任何不一致的值（它保持了线性一致性）：数据丢失只在最终读取中才显现出来。',
  'cap.primary.none':
    'primary 在故障期间让 {pct} 的操作得以完成，并且{lin}；这次没有丢失已确认的写入（故障转移时没有尚未复制的写入）——换一个 --seed 试试。',
  'cap.lww': 'lww 选择了可用性（AP）：故障期间 {pct} 的操作成功；{stale}，因此它{lin}；{conv}。{lost}',
  'cap.lww.lost':
    '但“最后写入者胜”（LWW）信任时钟：偏移的时钟给一些写入打上了比真正更晚发生的写入还“晚”的时间戳，于是 {n} 个已确认的写入被悄无声息地覆盖了，而覆盖它们的写入在它们开始之前就已完成{rule}。',
  'cap.lww.lostRule': '——按它自己的规则（时间戳最新者胜）这是允许的，所以它仍算作最终一致',
  'cap.lesson':
    'CAP：发生网络分区时，存储系统要么拒绝一部分请求以保持一致（raft），要么继续应答、让副本之间暂时不一致（lww，网络恢复后再收敛，即最终一致性；还有 primary，它还会丢失已确认的写入）。没有哪种模式能两者兼得。',

  'clocks.tableHeading': '一个时钟跳变了：谁信任了它？',
  'clocks.faults':
    '第 {at} 秒，领导者的时钟向前跳 {jump} 秒（没有领导者的存储则是第一个节点）；第 {half} 秒时钟被校正，同时该节点与其他节点之间发生网络分区，直到结束；每秒 {rate} 次操作',
  'clocks.raft.ok':
    'raft 不受时钟影响：它通过多数派提交和读取，选举计时使用单调时钟，因此它{lin}，也没有丢失任何已确认的写入；网络分区只让它付出了可用性的代价（故障期间 {pct}）。',
  'clocks.raft.unexpected': 'raft 本不应依赖时钟，但在这次运行中它{lin}，并丢失了 {n} 个已确认的写入：请查看它的报告。',
  'clocks.lease.broken':
    'lease 信任领导者的时钟：时钟快 {jump} 秒期间得到多数派确认的心跳轮次，在时钟被校正后让它的租约看起来多出 {jump} 秒；被隔离之后，它仍凭租约独自应答读请求（租约读），而多数派已经选出新的领导者并接受了写入——{n} 次陈旧读，读到的值最多已被覆盖了 {outdated}，因此它{lin}。',
  'clocks.lease.held':
    'lease 信任领导者的时钟，{jump} 秒的跳变本应拉长它的租约，但在这次运行中它{lin}：被隔离的领导者上没有可证明的陈旧读（领导者可能在分区之前已经更换；换一个 --seed 或更长的 --time-limit 试试）。',
  'clocks.lww.lost':
    'lww 信任每个节点的时钟：一个时钟快 {jump} 秒期间写入的数据带着“未来”的时间戳，时钟校正之后，任何节点上的写入都输给了它们——{n} 个已确认的写入被悄无声息地覆盖了，而覆盖它们的写入在它们开始之前就已完成。按它自己的规则（时间戳最新者胜）这是允许的；但对于后写入的数据却消失了的用户来说，这就是数据丢失。它{lin}。',
  'clocks.lww.none':
    'lww 信任每个节点的时钟，但在这次运行中没有已确认的写入因 {jump} 秒的跳变而丢失（跳变期间没有写入到达时钟偏快的节点；换一个 --seed 试试）；它{lin}。',
  'clocks.lesson':
    '时钟：凭时钟读数做决定的模式（租约何时到期、哪个写入更新）只能和那个时钟一样准确，而真实的时钟会跳变（NTP 校时、虚拟机暂停、人为修改）。raft 依据多数派和消息顺序做决定，所以时钟偏移对它毫无影响。确实依赖时钟的系统会给误差设定上界并等误差过去，就像 Spanner 的 TrueTime 那样。',

  'split.tableHeading': '主节点被隔离：两个主节点，还是一个？',
  'split.faults': '第 {at} 秒起，主节点（或领导者）与其他节点之间发生网络分区，直到结束；每秒 {rate} 次操作',
  'split.primary.lost':
    'primary 的故障转移没有隔离（fencing）机制：被隔离的主节点不知道自己已被取代，继续确认写入，而多数派一侧收不到它的心跳，提升了新的主节点——同时存在两个主节点，即脑裂。网络恢复后，旧主节点接受了新主节点的状态，它确认过的写入随之消失：丢失了 {n} 个已确认的写入。它是可用的（故障期间 {pct}）——而且{linNote}',
  'split.primary.linHeld':
    '它的客户端都跟随着旧主节点，所以分区期间读到的都与自己写入的一致（它保持了线性一致性）：数据丢失只在网络恢复后的最终读取中才显现出来。',
  'split.primary.linUnknown': '无法判定它是否保持了线性一致性。',
  'split.primary.linBroken': '两个主节点的客户端同时读到了不同的值：它也不满足线性一致性。',
  'split.primary.none':
    'primary 在故障期间让 {pct} 的操作得以完成，并且{lin}；这次没有可证明丢失的已确认写入（换一个 --seed 或更长的 --time-limit 试试）。',
  'split.raft.ok':
    'raft 用任期和多数派实现隔离：被隔离的领导者没有多数派就无法提交任何写入，随即下台；新领导者更高的任期让旧领导者发出的一切都作废——没有丢失任何已确认的写入，并且它{lin}。代价是：故障期间发起的操作只有 {pct} 成功。',
  'split.raft.unexpected': 'raft 本不应丢失任何写入，但在这次运行中它丢失了 {n} 个已确认的写入，并且{lin}：请查看它的报告。',
  'split.lesson':
    '脑裂：节点无法区分一个已经宕机的主节点和一个只是联系不上的主节点，所以更快地检测故障并不能避免出现两个主节点。能避免它的是隔离（fencing）：接受写入的权利必须来自多数派，并带有旧主节点无法再用的编号（Raft 的任期、ZooKeeper 的纪元（epoch）、隔离令牌（fencing token）），这样旧的一侧接受的写入要么被拒绝，要么永远不会被确认。',

  'quorum.tableHeading': '同一个 Dynamo 风格的存储，四种法定人数配置',
  'quorum.faults': '网络分区（随机分成两半）+ 时钟故障，每 {interval} 秒切换一次故障，每秒 {rate} 次操作；每个键 N={n} 个副本',
  'quorum.weak':
    '{setting}：R + W ≤ N，读请求可能只问到最新写入尚未到达的副本——{stale}，因此它{lin}。作为交换，故障期间发起的操作有 {pct} 得到了应答。',
  'quorum.strict':
    '{setting}：R + W > N，任何读法定人数都与任何写法定人数相交——但它仍然{lin}：{stale}。相交并不够：一次读可能遇到一个只到达了部分副本的写入，而且“最后写入者胜”按协调者的时钟给写入排序，时钟故障会让这些时钟偏移。故障期间可用性 {pct}。',
  'quorum.strictHeld':
    '{setting}：R + W > N，任何读法定人数都与任何写法定人数相交；在这次运行中它{lin}（{stale}）——相交并不是证明，只是这次的故障没有暴露问题（换一个 --seed 试试）。故障期间可用性 {pct}。',
  'quorum.sloppy':
    '{setting}：当一个键的首选副本联系不上时，协调者把任何能联系上的节点都算进 W，并留给它一个提示，稍后再把写入移交回去（提示移交），于是网络分区的两侧都在继续确认写入——故障期间可用性 {pct}，但读法定人数和写法定人数不再相交：{stale}。网络恢复后，“最后写入者胜”从两侧中保留时间戳最大的写入，而时钟偏移时，它不一定是最新的写入：丢失了 {n} 个已确认的写入。它{lin}。',
  'quorum.sloppyNone':
    '{setting}：当一个键的首选副本联系不上时，协调者把任何能联系上的节点都算进 W，并留给它一个提示，稍后再把写入移交回去（提示移交），于是网络分区的两侧都在继续确认写入——故障期间可用性 {pct}，但读法定人数和写法定人数不再相交：{stale}。它{lin}。（这次没有可证明丢失的已确认写入：网络恢复后，时间戳最大的写入恰好也是最新的写入。）',
  'quorum.readAll': '读请求要等全部 N 个副本应答：只要有一个副本被隔离，读就会失败，它的可用性正说明了这一点。',
  'quorum.lesson':
    '法定人数：R + W > N 只保证读集合和写集合相交，并不能让存储满足线性一致性（Jepsen 在 Cassandra 和 Riak 上证明过这一点）：没有共识协议，并发写入和偏移的时钟仍会打乱客户端所见的顺序；宽松法定人数（sloppy quorum）为了保持可用，连相交都放弃了。可用性是用 R 和 W 换来的：它们越小，存储能扛过的网络分区越多，返回的数据也越陈旧。',
};
