using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Jobs;

namespace Velostream.Engine.Execution.Operators;

/// <summary>
/// The one contract of the physical operators (filter, projection, joins, aggregations, row
/// functions). An operator is given rows, event time and the end of input, passes what it makes to
/// the operator after it (the last writes to the job's output), and answers each call with an
/// <see cref="OperatorResult"/>. Keyed state lives in state stores it is given when it is built
/// (see <c>Execution/State</c>). Synchronous and single-threaded, like the executor that drives it.
/// </summary>
internal interface IStreamOperator
{
    /// <summary>
    /// One row, held in <paramref name="row"/>'s slots (the record it came from, its source and event
    /// time alongside). <paramref name="inputs"/> is the row's lineage when it was made from several
    /// records (a join), else null and the row's record is its input.
    /// </summary>
    OperatorResult Push(EvalContext row, LineageSample? inputs);

    /// <summary>Event time has reached <paramref name="watermarkMs"/>: close what it closes, then tell the next operator.</summary>
    OperatorResult AdvanceWatermark(long watermarkMs, EvalContext scratch);

    /// <summary>End of all input: release everything held, then tell the next operator.</summary>
    OperatorResult Finish(EvalContext scratch);

    /// <summary>
    /// Lowers <paramref name="into"/> (per source: partition → offset) to the first input offsets
    /// that results not yet written depend on, this operator's and the next ones'.
    /// </summary>
    void ReportHeld(Dictionary<int, long>[] into);

    /// <summary><paramref name="size"/> with this operator's state (and the next ones') counted in.</summary>
    JobStateSize MeasureState(JobStateSize size);
}
