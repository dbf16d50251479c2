import { randomUUID } from 'node:crypto';
import { status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { ClusterInfo, EndPoint, MemberInfo } from '@eventstore/db-client/generated/gossip_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { UUID, type Empty } from '@eventstore/db-client/generated/shared_pb';
import type { NodeState } from './stand-in-context';
import { callError } from './wire-codec';

/** The version the stand-in reports: the one whose behaviour it reproduces. */
export const MODELLED_SERVER_VERSION = '24.10.0';

/**
 * ServerFeatures.GetSupportedMethods: the methods a client may use and their features. Listing BatchAppend is
 * what makes @eventstore/db-client append through it rather than through the older Append.
 */
export function supportedMethodsHandler() {
  const methods = [
    method('event_store.client.streams.streams', 'read', ['position', 'events']),
    method('event_store.client.streams.streams', 'batchappend', ['deadline_duration']),
    method('event_store.client.gossip.gossip', 'read', []),
  ];
  const supported = new SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(MODELLED_SERVER_VERSION);
  return (_call: ServerUnaryCall<Empty, SupportedMethods>, callback: sendUnaryData<SupportedMethods>): void =>
    callback(null, supported);
}

/** Gossip.Read: the members the client discovers the cluster through, each with its state and endpoint. */
export function gossipHandler(self: NodeState, members: () => readonly NodeState[]) {
  const instanceIds = new Map<NodeState, string>();
  return (_call: ServerUnaryCall<Empty, ClusterInfo>, callback: sendUnaryData<ClusterInfo>): void => {
    if (!self.gossipUp) return callback(callError(status.UNAVAILABLE, 'No connection established'));
    const info = members().map((member) => {
      if (!instanceIds.has(member)) instanceIds.set(member, randomUUID());
      return new MemberInfo()
        .setInstanceId(new UUID().setString(instanceIds.get(member)!))
        .setTimeStamp(String(Date.now() * 10_000))
        .setState(member.role === 'leader' ? MemberInfo.VNodeState.LEADER : MemberInfo.VNodeState.FOLLOWER)
        .setIsAlive(true)
        .setHttpEndPoint(new EndPoint().setAddress(member.endpoint.host).setPort(member.endpoint.port));
    });
    callback(null, new ClusterInfo().setMembersList(info));
  };
}

function method(serviceName: string, methodName: string, features: string[]): SupportedMethod {
  return new SupportedMethod().setServiceName(serviceName).setMethodName(methodName).setFeaturesList(features);
}
