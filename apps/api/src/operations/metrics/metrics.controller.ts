import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../http/responses/api-errors.decorator';
import { MetricsAccessGuard } from './metrics-access.guard';
import { ReadSideMetrics } from './read-side-metrics';
import { ServiceMetrics } from './service-metrics';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: ServiceMetrics,
    // Injected so that its gauges are registered before the first scrape.
    readonly _readSide: ReadSideMetrics,
  ) {}

  @Get()
  @UseGuards(MetricsAccessGuard)
  @ApiBearerAuth()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Prometheus metrics: commands, appends, group commits, read-side and reactor lag' })
  @ApiProduces('text/plain')
  @ApiErrors([401, 403, 500])
  @ApiOkResponse({ description: 'the Prometheus text exposition format', schema: { type: 'string' } })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
