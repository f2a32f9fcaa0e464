using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Values;
using Velostream.Engine.Jobs;
using Velostream.Engine.Sql.Logical;

namespace Velostream.Engine.Execution.Operators.Joins;

/// <summary>
/// A stream–table join (<c>[LEFT] JOIN t ON s.k = t.k [AND …]</c>): the table is loaded whole before
/// the stream starts (<see cref="Load"/>); each stream row probes it by key and every matching table
/// row, copied into the row's slots for the table, goes on to the next operator. A LEFT JOIN row
/// without match goes on with NULLs for the table's columns. Several table joins are a chain of these.
/// A semi join or scalar lookup (<see cref="LookupMatch.First"/>) goes on once, with the first match;
/// an anti join (<see cref="LookupMatch.None"/>) goes on once when nothing matches.
/// </summary>
internal sealed class LookupJoin(LookupTable table, IStreamOperator next, LookupMatch match = LookupMatch.Every) : IStreamOperator
{
    /// <summary>The job's source that is this join's table.</summary>
    public int TableSource => table.SourceIndex;

    /// <summary>Adds the table row held in <paramref name="row"/>'s slots; fails when its key cannot be computed.</summary>
    public OperatorResult Load(EvalContext row) =>
        table.Load(row) is { } error ? OperatorResult.Failed(error) : OperatorResult.None;

    /// <summary>A tombstone of the table's topic: the row loaded under <paramref name="messageKey"/> leaves.</summary>
    public void Delete(ReadOnlySpan<byte> messageKey) => table.Delete(messageKey);

    public OperatorResult Push(EvalContext row, LineageSample? inputs)
    {
        var matches = table.Probe(row, out var error);
        if (error is not null) return OperatorResult.Failed(error);
        var result = OperatorResult.None;
        var matched = false;
        if (matches is not null)
        {
            foreach (var tableRow in matches)
            {
                tableRow.CopyTo(row.Values, table.SlotOffset);
                if (table.Residual is { } residual)
                {
                    var c = residual.Eval(row);
                    if (c.IsError) return OperatorResult.Failed(c.ErrorMessage);
                    if (!SqlLogic.IsTrue(c)) continue;
                }
                matched = true;
                if (match == LookupMatch.None) break;
                var r = next.Push(row, inputs);
                if (r.Outcome != RecordOutcome.Accepted) return r;
                result = result.Then(r);
                if (match == LookupMatch.First) break;
            }
        }
        if (!matched && (table.LeftOuter || match == LookupMatch.None))
        {
            Array.Clear(row.Values, table.SlotOffset, table.SlotCount);
            var r = next.Push(row, inputs);
            if (r.Outcome != RecordOutcome.Accepted) return r;
            result = result.Then(r);
        }
        return result;
    }

    public OperatorResult AdvanceWatermark(long watermarkMs, EvalContext scratch) => next.AdvanceWatermark(watermarkMs, scratch);

    public OperatorResult Finish(EvalContext scratch) => next.Finish(scratch);

    public void ReportHeld(Dictionary<int, long>[] into) => next.ReportHeld(into);

    public JobStateSize MeasureState(JobStateSize size) => next.MeasureState(size);
}
