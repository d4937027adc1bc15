import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scheduledReportDate } from '../../apps/reporter/src/scheduled-report-date.js';
import { asList, calledModule, loadTerraform, nested, terraformDir, type TerraformConfig } from './terraform-model.js';

describe('infra/terraform: resources the issue asks for', () => {
  let config: TerraformConfig;
  beforeAll(async () => {
    config = await loadTerraform();
  });
  const resource = (type: string, name: string) => config.root.resources[type][name];

  it('declares the seed variables with the seed defaults', () => {
    const defaults = Object.fromEntries(Object.entries(config.root.variables).map(([name, v]) => [name, v.default]));
    expect(defaults).toMatchObject({
      aws_region: 'us-east-1',
      project_name: 'data-pipeline',
      lambda_timeout_seconds: 300,
      lambda_memory_mb: 512,
      daily_report_time_utc: '08:00',
      raw_data_retention_days: 90,
      processed_data_retention_days: 365,
    });
    for (const name of ['environment', 'rds_instance_class', 'alert_email', 'enable_enhanced_monitoring'])
      expect(Object.keys(defaults)).toContain(name);
  });

  it('outputs the names the scripts and docs use', () => {
    const names = [
      'raw_bucket',
      'processed_bucket',
      'reports_bucket',
      'rds_endpoint',
      'rds_db_id',
      'rds_security_group_id',
      'alerts_topic_arn',
    ];
    names.push('dlq_url', 'processing_queue_url', 'api_endpoint', 'api_function_name', 'processor_function_name', 'reporter_function_name');
    expect(Object.keys(config.root.outputs)).toEqual(expect.arrayContaining(names));
  });

  it('routes every Object Created in the raw bucket to the processing queue, which only that rule may send to', () => {
    const pattern = String(resource('aws_cloudwatch_event_rule', 'raw_object_created').event_pattern);
    expect(pattern).toContain('"detail-type" = ["Object Created"]');
    expect(pattern).toContain('name = [module.raw_bucket.id]');
    expect(resource('aws_cloudwatch_event_target', 'processing_queue').arn).toBe('${aws_sqs_queue.processing.arn}');
    const statements = nested(config.root.data.aws_iam_policy_document.processing_queue, 'statement');
    expect(statements).toHaveLength(1);
    expect(asList(statements[0].actions)).toEqual(['sqs:SendMessage']);
    expect(nested(statements[0], 'condition')).toEqual([
      { test: 'ArnEquals', variable: 'aws:SourceArn', values: ['${aws_cloudwatch_event_rule.raw_object_created.arn}'] },
    ]);
  });

  it('dead-letters after 3 receives and keeps messages invisible for 6× the processor timeout', () => {
    expect(resource('aws_sqs_queue', 'processing').visibility_timeout_seconds).toBe('${local.processing_visibility_timeout_seconds}');
    expect(config.root.locals.processing_visibility_timeout_seconds).toBe('${6 * var.lambda_timeout_seconds}');
    expect(config.root.modules.processor.timeout_seconds).toBe('${var.lambda_timeout_seconds}');
    expect(config.root.locals.max_receive_count).toBe(3);
    expect(String(resource('aws_sqs_queue', 'processing').redrive_policy)).toContain('maxReceiveCount     = local.max_receive_count');
  });

  it('runs every function on nodejs22.x from the zip build:lambdas writes, with a log group with retention', () => {
    const lambda = config.children.lambda_function;
    const fn = lambda.resources.aws_lambda_function.this;
    expect([fn.runtime, fn.handler, fn.filename]).toEqual(['nodejs22.x', '${var.handler}', '${var.package_file}']);
    expect(lambda.variables.handler.default).toBe('index.handler');
    expect(fn.source_code_hash).toBe('${filebase64sha256(var.package_file)}');
    expect(lambda.resources.aws_cloudwatch_log_group.this.retention_in_days).toBe('${var.log_retention_days}');
    for (const name of ['api', 'processor', 'reporter']) {
      expect(calledModule(config, config.root.modules[name]).dir).toBe('infra/terraform/modules/lambda_function');
      expect(config.root.modules[name].package_file).toBe(`\${local.package_dir}/${name}.zip`);
    }
  });

  it('feeds the processor from SQS with partial batch failures and schedules the reporter at daily_report_time_utc', () => {
    const mapping = resource('aws_lambda_event_source_mapping', 'processing_queue');
    expect([mapping.function_name, mapping.function_response_types]).toEqual([
      '${module.processor.function_arn}',
      ['ReportBatchItemFailures'],
    ]);
    const schedule = resource('aws_scheduler_schedule', 'daily_report');
    expect([schedule.schedule_expression, schedule.schedule_expression_timezone]).toEqual([
      'cron(${local.report_minute} ${local.report_hour} * * ? *)',
      'UTC',
    ]);
    expect(config.root.locals.report_hour).toBe('${tonumber(split(":", var.daily_report_time_utc)[0])}');
    const target = nested(schedule, 'target')[0];
    expect(target.arn).toBe('${module.reporter.function_arn}');
    // The reporter picks the day before the event's `time`; Scheduler fills in the scheduled time.
    expect(String(target.input)).toMatch(/time\s+= "<aws\.scheduler\.scheduled-time>"/);
    expect(scheduledReportDate({ source: 'aws.scheduler', time: '2026-11-26T08:00:00Z' })).toBe('2026-11-25');
  });

  it('puts the api behind an HTTP API on the $default stage', () => {
    expect(resource('aws_apigatewayv2_integration', 'api')).toMatchObject({
      integration_uri: '${module.api.invoke_arn}',
      payload_format_version: '2.0',
    });
    expect(resource('aws_apigatewayv2_stage', 'default').name).toBe('$default');
    expect(resource('aws_apigatewayv2_route', 'default').route_key).toBe('$default');
  });

  it('keeps events and report history in on-demand DynamoDB tables with PITR and SSE', () => {
    for (const name of ['events', 'report_history']) {
      const table = resource('aws_dynamodb_table', name);
      expect(table.billing_mode).toBe('PAY_PER_REQUEST');
      expect(nested(table, 'point_in_time_recovery')).toEqual([{ enabled: true }]);
      expect(nested(table, 'server_side_encryption')).toEqual([{ enabled: true }]);
    }
    expect([resource('aws_dynamodb_table', 'events').hash_key, resource('aws_dynamodb_table', 'events').range_key]).toEqual([
      'streamId',
      'version',
    ]);
  });

  it('runs RDS privately, encrypted, with a managed secret, backups and a security group admitting only the Lambdas', () => {
    const db = resource('aws_db_instance', 'main');
    expect(db).toMatchObject({ storage_encrypted: true, manage_master_user_password: true, publicly_accessible: false });
    expect(db.backup_retention_period).toBe('${var.rds_backup_retention_days}');
    expect(db.monitoring_interval).toBe('${var.enable_enhanced_monitoring ? 60 : 0}');
    expect(resource('aws_db_subnet_group', 'main').subnet_ids).toBe('${aws_subnet.private[*].id}');
    const ingress = Object.values(config.root.resources.aws_vpc_security_group_ingress_rule).filter(
      (r) => r.security_group_id === '${aws_security_group.rds.id}',
    );
    expect(ingress.map((r) => [r.from_port, r.referenced_security_group_id, r.cidr_ipv4])).toEqual([
      [5432, '${aws_security_group.lambda.id}', undefined],
    ]);
  });

  it('puts the Lambdas in the VPC, with gateway endpoints for S3/DynamoDB and interface endpoints or NAT for the rest', () => {
    const fn = config.children.lambda_function.resources.aws_lambda_function.this;
    expect(nested(fn, 'vpc_config')).toEqual([{ subnet_ids: '${var.subnet_ids}', security_group_ids: '${var.security_group_ids}' }]);
    expect(resource('aws_vpc_endpoint', 'gateway').for_each).toBe('${toset(["s3", "dynamodb"])}');
    expect(config.root.locals.interface_endpoint_services).toBe(
      '${var.use_nat_gateway ? [] : ["sqs", "sns", "secretsmanager", "monitoring"]}',
    );
    expect(resource('aws_nat_gateway', 'main').count).toBe('${var.use_nat_gateway ? 1 : 0}');
  });

  it('has an alerts topic with the alert_email subscription and a reports topic', () => {
    expect(Object.keys(config.root.resources.aws_sns_topic).sort()).toEqual(['alerts', 'reports']);
    expect(resource('aws_sns_topic_subscription', 'alert_email')).toMatchObject({ protocol: 'email', endpoint: '${var.alert_email}' });
  });

  it('configures a partial S3 backend (bucket and lock table come from -backend-config)', () => {
    // hcl2json leaves the terraform block out of its output; read the file instead.
    const backend = readFileSync(join(terraformDir, 'backend.tf'), 'utf8');
    expect(backend).toContain('backend "s3"');
    expect(backend).not.toMatch(/^\s*(bucket|dynamodb_table)\s*=/m);
  });
});
