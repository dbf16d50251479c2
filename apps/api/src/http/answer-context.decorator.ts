import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { personalDataViewOf } from '../exports/personal-data';
import type { AnswerRequest } from '../exports/answer';

/** The Accept header and the caller's view of personal data, for answers that may be exports. */
export const AnswerCtx = createParamDecorator((_: unknown, ctx: ExecutionContext): Omit<AnswerRequest, 'format'> => {
  const request = ctx.switchToHttp().getRequest<Request>();
  const accept = request.headers.accept;
  return { accept: typeof accept === 'string' ? accept : undefined, view: personalDataViewOf(request) };
});
