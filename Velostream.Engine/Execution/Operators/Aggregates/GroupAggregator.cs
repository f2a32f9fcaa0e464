using Velostream.Engine.Execution.Expressions;
using Velostream.Engine.Execution.Lineage;
using Velostream.Engine.Execution.Operators.Windows;
using Velostream.Engine.Jobs;
using Velostream.Engine.Sql.Configuration;

namespace Velostream.Engine.Execution.Operators.Aggregates;

/// <summary>
/// Continuous GROUP BY, optionally windowed on event time. The parts are named: the
/// <see cref="GroupFolder"/> reads a row's key and aggregate arguments and folds it into a group;
/// the <see cref="WindowStrategy"/> (continuous, tumbling, sliding, session) decides which groups a
/// row belongs to, keeps them in a state store and closes them with the watermark; the
/// <see cref="EmitPolicy"/> (changes, final) decides when a group's row is written; the
/// <see cref="GroupOutput"/> computes it (HAVING, SELECT) and writes it. The last operator of its chain.
/// </summary>
internal sealed class GroupAggregator(GroupFolder folder, WindowStrategy windows, GroupOutput output) : IStreamOperator
{
    /// <summary>
    /// Adds one input row: rows written (EMIT CHANGES), or the record failed (no state was changed),
    /// or it is late (every window it belongs to has closed).
    /// </summary>
    public OperatorResult Push(EvalContext row, LineageSample? inputs)
    {
        if (folder.TryRead(row) is { } error) return OperatorResult.Failed(error);
        var t = row.EventTimeMs >= 0 ? row.EventTimeMs : row.NowMs;
        var outputs = windows.Accept(row, inputs, t, out var late);
        if (late && windows.LateData == LateDataStrategy.IncludeInNextWindow)
        {
            // The window open at the watermark takes the row, as if it had arrived on time.
            outputs = windows.Accept(row, inputs, windows.Watermark, out late);
        }
        return late ? OperatorResult.Late.Then(output.Result(0)) : output.Result(outputs);
    }

    public OperatorResult AdvanceWatermark(long watermarkMs, EvalContext scratch) => output.Result(windows.AdvanceWatermark(watermarkMs));

    /// <summary>End of bounded input: every open window closes; without a window, EMIT FINAL writes each group once.</summary>
    public OperatorResult Finish(EvalContext scratch) => output.Result(windows.Finish());

    public void ReportHeld(Dictionary<int, long>[] into) => windows.ReportHeld(into);

    public JobStateSize MeasureState(JobStateSize size) => size with
    {
        GroupKeys = (size.GroupKeys ?? 0) + windows.GroupCount,
        OpenWindows = windows.OpenWindows is { } open ? (size.OpenWindows ?? 0) + open : size.OpenWindows,
    };
}
