import { Server, ServerCredentials, status } from '@grpc/grpc-js';
import { GossipService } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { batchAppendHandler } from './batch-append.handler';
import { gossipHandler, supportedMethodsHandler } from './cluster-services';
import { Faults } from './faults';
import { readHandler } from './read.handler';
import {
  DEFAULT_SETTINGS,
  type Endpoint,
  type NodeState,
  type StandInContext,
  type StandInSettings,
  type SubscriptionSeen,
} from './stand-in-context';
import { TransactionLog } from './transaction-log';
import { callError } from './wire-codec';

/** EventStoreDB allows messages up to its largest log record (16 MB less overhead); so does the stand-in. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

export interface WireStandInOptions extends Partial<StandInSettings> {
  /** Nodes of the cluster, all serving one log; the first leads (default 1). */
  readonly nodes?: number;
}

/**
 * A wire-level stand-in for EventStoreDB 24.10: gRPC servers on loopback speaking the server's protocol, built
 * from the service definitions that ship in @eventstore/db-client, so that the real client (protobuf encoding,
 * chunked batch appends, deadlines, discovery, reconnection to the leader) runs against it unchanged. It models
 * the server's observable behaviour (see README "Tests" for what it reproduces and what it cannot); it is not
 * EventStoreDB, and a suite that ran against it says so.
 */
export class WireStandIn implements StandInContext {
  readonly log = new TransactionLog();
  readonly faults = new Faults();
  readonly settings: StandInSettings;
  readonly subscriptionsSeen: SubscriptionSeen[] = [];
  readonly liveSubscriptions = new Set<(error: Error) => void>();
  beforeCommit: ((streamName: string) => Promise<void> | void) | null = null;
  clientWrites = 0;
  readonly nodes: NodeState[] = [];
  private readonly servers: Server[] = [];

  private constructor(options: WireStandInOptions) {
    this.settings = { ...DEFAULT_SETTINGS, ...options };
  }

  static async start(options: WireStandInOptions = {}): Promise<WireStandIn> {
    const standIn = new WireStandIn(options);
    for (let i = 0; i < (options.nodes ?? 1); i++) await standIn.startNode(i === 0 ? 'leader' : 'follower');
    return standIn;
  }

  /** `esdb://` connection string of the given nodes (default: the first), insecure, with extra `params`. */
  connectionString(nodes: readonly NodeState[] = this.nodes.slice(0, 1), params = ''): string {
    const hosts = nodes.map((node) => `${node.endpoint.host}:${node.endpoint.port}`).join(',');
    return `esdb://${hosts}?tls=false${params ? `&${params}` : ''}`;
  }

  leaderEndpoint(): Endpoint {
    const leader = this.nodes.find((node) => node.role === 'leader');
    if (!leader) throw new Error('the stand-in cluster has no leader');
    return leader.endpoint;
  }

  /** Makes `node` the leader and every other node a follower, as an election would. */
  elect(node: NodeState): void {
    for (const member of this.nodes) member.role = member === node ? 'leader' : 'follower';
  }

  /** Ends every live subscription with UNAVAILABLE, as a node restart or a network cut does. */
  dropSubscriptions(): void {
    for (const drop of [...this.liveSubscriptions]) drop(callError(status.UNAVAILABLE, 'Connection dropped'));
  }

  async close(): Promise<void> {
    this.dropSubscriptions();
    await Promise.all(this.servers.map((server) => new Promise<void>((done) => server.tryShutdown(() => done()))));
    for (const server of this.servers) server.forceShutdown();
  }

  private async startNode(role: NodeState['role']): Promise<void> {
    const server = new Server({
      'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
      'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    const node: NodeState = { endpoint: { host: '127.0.0.1', port }, role, gossipUp: true };
    server.addService(StreamsService, { read: readHandler(this, node), batchAppend: batchAppendHandler(this, node) });
    server.addService(ServerFeaturesService, { getSupportedMethods: supportedMethodsHandler() });
    server.addService(GossipService, { read: gossipHandler(node, () => this.nodes) });
    this.nodes.push(node);
    this.servers.push(server);
  }
}
