/** The `study` command group's grammar: list, run and report the built-in studies. */
import { type Command, Option } from 'commander';
import { inputs } from '../api/contract.ts';
import type { CliContext } from './context.ts';
import { intFlag, setFlag, sizeFlag } from './flags.ts';
import { studyListCommand, studyReportCommand, studyRunCommand } from './study-command.ts';

const dbOption = ['--db <path>', 'database file (default: $GRADIENT_WORKBENCH_DB, else the user data folder)'] as const;
const MAX_SEEDS = inputs['studies.run'].shape.seeds.unwrap().maxValue ?? 20;

type Act = (work: () => Promise<number>) => Promise<void>;

export function addStudyCommands(program: Command, ctx: CliContext, act: Act): void {
  const study = program
    .command('study')
    .description('built-in studies: reproduce a published finding with seeds and a verdict');
  study
    .command('list')
    .description('the built-in studies, what each size runs and how long it took here before')
    .option(...dbOption)
    .option('--json', 'JSON output')
    .action((flags) => act(() => studyListCommand(ctx, flags)));
  study
    .command('run <name>')
    .description('run a study and print each measured quantity, finding and verdict; exit 0 when every run completed')
    .option(...dbOption)
    .option('--quick', 'the quick size (a few minutes on 2 cores) instead of the full one')
    .option('--seeds <n>', 'seeds per arm (default: the study’s)', intFlag({ min: 1, max: MAX_SEEDS }))
    .option(
      '--set <path=value>',
      'set a spec field of every run (dotted path; value as JSON, else text); repeatable',
      setFlag,
    )
    .option('--json', 'JSON lines: progress, each quantity, each finding, the verdict')
    .addOption(
      new Option('--parallel <n>', 'runs trained at once (default: one per core)').argParser(
        intFlag({ min: 1, max: 64 }),
      ),
    )
    .option('--max-memory <size>', 'memory budget per run, e.g. 4GiB (default: half of this machine)', sizeFlag)
    .action((name, flags) => act(() => studyRunCommand(ctx, name, flags)));
  study
    .command('report <study-run-id>')
    .description('write a study run’s report as one HTML file')
    .option(...dbOption)
    .option('--out <file>', 'write to this file instead of standard output')
    .action((id, flags) => act(() => studyReportCommand(ctx, id, flags)));
}
