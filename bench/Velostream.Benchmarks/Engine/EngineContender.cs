using Velostream.Benchmarks.Harness;
using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.InProcess;
using Velostream.Engine.Execution.Planning;

namespace Velostream.Benchmarks.Engine;

/// <summary>
/// The engine on one scenario through its in-process entry point (<see cref="InProcessQuery"/>):
/// compiled fresh before every iteration (untimed, so each starts with empty state), a table
/// loaded whole before the stream starts (untimed, as a job does once at start-up), then every
/// scheduled batch pushed and the end of input signalled (timed). Output is encoded to JSON and
/// counted by a sink that keeps nothing.
/// </summary>
internal sealed class EngineContender(string sql, IReadOnlyList<(string Source, SourceBatch Batch)> schedule, (string Source, SourceBatch Batch)? table = null)
{
    private InProcessQuery? _query;

    /// <summary>Records the last iteration counted as failed or late (both should be 0 here).</summary>
    public (long Failed, long Late) Rejected => _query is null ? default : (_query.Stats.RecordsFailed, _query.Stats.RecordsLate);

    public Contender AsContender(string name) =>
        new(name, schedule.Sum(s => (long)s.Batch.Count), Reset, Execute);

    private void Reset()
    {
        _query = InProcessQuery.Create(sql, new JobOptions { Log = TextWriter.Null }, keepOutput: false);
        if (table is { } t)
        {
            _query.LoadTable(t.Source, t.Batch);
        }
    }

    private long Execute()
    {
        var query = _query!;
        foreach (var (source, batch) in schedule)
        {
            query.Push(source, batch);
        }
        query.Finish();
        return query.Output.Count;
    }
}
