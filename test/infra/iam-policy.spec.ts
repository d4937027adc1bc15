import {
  allModules,
  asList,
  calledModule,
  loadTerraform,
  nested,
  type Block,
  type TerraformConfig,
  type TerraformModule,
} from './terraform-model.js';

const LAMBDAS = ['api', 'processor', 'reporter'];

interface Statement {
  readonly where: string;
  readonly effect: string;
  readonly actions: string[];
  readonly resources: string[];
}

function statements(module: TerraformModule): Statement[] {
  return Object.entries(module.data.aws_iam_policy_document ?? {}).flatMap(([name, doc]) =>
    nested(doc, 'statement').map((s, i) => ({
      where: `${module.dir}: data.aws_iam_policy_document.${name} statement ${String(s.sid ?? i)}`,
      effect: String(s.effect ?? 'Allow'),
      actions: asList(s.actions),
      resources: asList(s.resources),
    })),
  );
}

/** An Allow of every action (or every action of a service) on every resource. */
function wildcardProblems(all: readonly Statement[]): string[] {
  return all
    .filter((s) => s.effect === 'Allow' && s.resources.includes('*') && s.actions.some((a) => a === '*' || a.endsWith(':*')))
    .map((s) => `${s.where}: ${s.actions.join(', ')} on *`);
}

/** Every `policy`/`assume_role_policy`/`policy_json` must come from a policy document (so the checks above see it), not inline JSON. */
function inlinePolicies(module: TerraformModule): string[] {
  const fromDocument = /^\$\{(data\.aws_iam_policy_document\.[\w-]+\.json|var\.policy_json)\}$/;
  const blocks: [string, Block][] = [
    ...Object.entries(module.resources).flatMap(([type, byName]) =>
      Object.entries(byName).map(([n, b]) => [`${type}.${n}`, b] as [string, Block]),
    ),
    ...Object.entries(module.modules).map(([n, b]) => [`module.${n}`, b] as [string, Block]),
  ];
  return blocks.flatMap(([where, block]) =>
    ['policy', 'assume_role_policy', 'policy_json']
      .filter((attr) => block[attr] !== undefined && !fromDocument.test(String(block[attr])))
      .map((attr) => `${module.dir}: ${where}.${attr} = ${String(block[attr]).slice(0, 80)}`),
  );
}

describe('infra/terraform: IAM', () => {
  let config: TerraformConfig;
  beforeAll(async () => {
    config = await loadTerraform();
  });

  it('has no statement allowing * (or service:*) actions on the * resource', () => {
    const all = allModules(config).flatMap(statements);
    expect(all.length).toBeGreaterThan(10);
    expect(wildcardProblems(all)).toEqual([]);
  });

  it('the check catches a wildcard grant and ignores a Deny', () => {
    const grant = (effect: string, actions: string[]): Statement => ({ where: effect, effect, actions, resources: ['*'] });
    expect(
      wildcardProblems([grant('Allow', ['*']), grant('Allow', ['s3:*']), grant('Deny', ['s3:*']), grant('Allow', ['ec2:DescribeSubnets'])]),
    ).toEqual(['Allow: * on *', 'Allow: s3:* on *']);
  });

  it('writes every policy as a policy document, never as inline JSON the checks cannot read', () => {
    expect(allModules(config).flatMap(inlinePolicies)).toEqual([]);
  });

  it('gives each Lambda its own role with its own policy document', () => {
    const calls = Object.entries(config.root.modules).filter(([, call]) => String(call.source) === './modules/lambda_function');
    expect(calls.map(([name]) => name).sort()).toEqual(LAMBDAS);
    expect(calls.map(([name, call]) => [name, call.policy_json])).toEqual(
      calls.map(([name]) => [name, `\${data.aws_iam_policy_document.${name}.json}`]),
    );
    const child = calledModule(config, calls[0][1]);
    expect(Object.keys(child.resources.aws_iam_role ?? {})).toEqual(['this']);
    expect(child.resources.aws_iam_role.this.name).toBe('${var.function_name}');
  });

  it('scopes each function policy to named resources, except where AWS has no resource-level permissions', () => {
    const unscoped = LAMBDAS.flatMap((fn) =>
      nested(config.root.data.aws_iam_policy_document[fn], 'statement')
        .filter((s) => asList(s.resources).some((r) => r === '*'))
        .map((s) => `${fn}: ${String(s.sid)}`),
    );
    expect(unscoped).toEqual([]);
  });
});
