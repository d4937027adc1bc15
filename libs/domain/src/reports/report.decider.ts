import { accept, type DecideResult, type Decider, refuse } from '../decider.js';
import type { ReportEvent } from '../events/report-events.js';

export type RequestReport = {
  readonly type: 'RequestReport';
  readonly data: { readonly date: string; readonly by: string; readonly at: string };
};
export type RecordReportGenerated = {
  readonly type: 'RecordReportGenerated';
  readonly data: {
    readonly date: string;
    readonly version: number;
    readonly metrics: Readonly<Record<string, unknown>>;
    readonly artefactKeys: readonly string[];
    readonly at: string;
  };
};
export type RecordReportDelivery = {
  readonly type: 'RecordReportDelivery';
  readonly data: {
    readonly date: string;
    readonly version: number;
    readonly delivered: readonly string[];
    readonly failed: readonly { readonly subscriptionId: string; readonly error: string }[];
    readonly at: string;
  };
};
export type ReportCommand = RequestReport | RecordReportGenerated | RecordReportDelivery;

export type ReportRefusalCode = 'REPORT_VERSION_MISMATCH' | 'REPORT_NOT_GENERATED' | 'REPORT_DATE_MISMATCH';

export interface ReportState {
  readonly date: string | null;
  /** Versions generated so far; the next ReportGenerated is `generated + 1`. */
  readonly generated: number;
  readonly lastGeneratedAt: string | null;
  readonly artefactKeys: readonly string[];
  readonly requests: number;
}

export const initialReportState: ReportState = { date: null, generated: 0, lastGeneratedAt: null, artefactKeys: [], requests: 0 };

export function evolveReport(state: ReportState, event: ReportEvent): ReportState {
  switch (event.type) {
    case 'ReportRequested':
      return { ...state, date: event.data.date, requests: state.requests + 1 };
    case 'ReportGenerated':
      return {
        ...state,
        date: event.data.date,
        generated: event.data.version,
        lastGeneratedAt: event.data.generatedAt,
        artefactKeys: event.data.artefactKeys,
      };
    case 'ReportDelivered':
      return state;
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}

/**
 * One stream per report day (`report-<date>`). Regenerating a day is allowed any number of times;
 * each generation gets the next version, so a caller that rendered version N while another
 * generation landed first is refused and renders again.
 */
export function decideReport(command: ReportCommand, state: ReportState): DecideResult<ReportEvent> {
  if (state.date !== null && command.data.date !== state.date) {
    return refuse('REPORT_DATE_MISMATCH', `report stream for ${state.date} cannot take a command for ${command.data.date}`);
  }
  switch (command.type) {
    case 'RequestReport':
      return accept({
        type: 'ReportRequested',
        data: { date: command.data.date, requestedBy: command.data.by, requestedAt: command.data.at },
      });
    case 'RecordReportGenerated':
      return generated(command, state);
    case 'RecordReportDelivery':
      return delivered(command, state);
    default: {
      const unknownCommand: never = command;
      throw new TypeError(`unknown report command ${JSON.stringify(unknownCommand)}`);
    }
  }
}

function generated({ data }: RecordReportGenerated, state: ReportState): DecideResult<ReportEvent> {
  if (data.version !== state.generated + 1) {
    return refuse('REPORT_VERSION_MISMATCH', `report ${data.date} is at version ${state.generated}; cannot record version ${data.version}`);
  }
  const { date, version, metrics, artefactKeys, at } = data;
  return accept({ type: 'ReportGenerated', data: { date, version, metrics, artefactKeys, generatedAt: at } });
}

function delivered({ data }: RecordReportDelivery, state: ReportState): DecideResult<ReportEvent> {
  if (data.version < 1 || data.version > state.generated) {
    return refuse('REPORT_NOT_GENERATED', `report ${data.date} version ${data.version} has not been generated`);
  }
  return accept({
    type: 'ReportDelivered',
    data: { date: data.date, version: data.version, subscriptionIds: data.delivered, failed: data.failed, deliveredAt: data.at },
  });
}

export const reportDecider: Decider<ReportCommand, ReportEvent, ReportState> = {
  initialState: initialReportState,
  evolve: evolveReport,
  decide: decideReport,
};
