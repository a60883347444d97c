import { describe, expect, it } from 'vitest';
import { metricsOf } from './promql-metrics.ts';

describe('metricsOf', () => {
  it.each([
    ['up', ['up']],
    ['sum by (route, status) (rate(http_requests_total{job="sales-web",status=~"5.."}[5m]))', ['http_requests_total']],
    ['histogram_quantile(0.99, sum by (job, le) (rate(http_request_duration_seconds_bucket{route=~"/api/.*"}[5m]))) > 0.25', ['http_request_duration_seconds_bucket']],
    ['app_ready{job="sales-web"} == 0 or up{job="sales-web"} == 0', ['app_ready', 'up']],
    ['max by (model) (a_psi) > on (model) group_left () max by (model) (a_bar{statistic="psi"})', ['a_psi', 'a_bar']],
    ['time() - max(report_timestamp_seconds offset 5m)', ['report_timestamp_seconds']],
    ['-max by (model) (bar{statistic="bias"}) * 1e4 + Inf', ['bar']],
    ['abs(x{label="with } and ( inside"}) unless y', ['x', 'y']],
  ])('%s reads %j', (expr, expected) => {
    expect(metricsOf(expr)).toEqual(expected);
  });
});
