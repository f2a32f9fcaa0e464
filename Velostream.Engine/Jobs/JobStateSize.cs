namespace Velostream.Engine.Jobs;

/// <summary>
/// How much state a job holds, measured once per batch for the metrics. A null count means the job has
/// no state of that kind (no GROUP BY, no window, no interval join), so nothing is reported for it rather
/// than a zero that would look like an empty window.
/// </summary>
/// <param name="GroupKeys">Groups held: one per group key in each open window (or session), or per key of an unwindowed GROUP BY.</param>
/// <param name="OpenWindows">Windows (or sessions) not yet closed.</param>
/// <param name="BufferedJoinRows">Rows an interval join keeps while they can still meet a partner.</param>
internal readonly record struct JobStateSize(int? GroupKeys, int? OpenWindows, int? BufferedJoinRows)
{
    public bool IsEmpty => GroupKeys is null && OpenWindows is null && BufferedJoinRows is null;
}
