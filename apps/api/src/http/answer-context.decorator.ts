import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AnswerRequest } from '../exports/answer';

/** The Accept header, for answers that may be exports (the caller's view of personal data is the interceptor's). */
export const AnswerCtx = createParamDecorator((_: unknown, ctx: ExecutionContext): Omit<AnswerRequest, 'format'> => {
  const accept = ctx.switchToHttp().getRequest<Request>().headers.accept;
  return { accept: typeof accept === 'string' ? accept : undefined };
});
