using Velostream.Engine.Sql.Validation;

namespace Velostream.Engine.Jobs;

internal sealed partial class JobRunner
{
    /// <summary>
    /// A UNION ALL: each SELECT runs as a job of its own over its own sources (its order, watermark,
    /// late handling, state, commits and dead letters its own; its records' spans continue their own
    /// inputs' traces), all writing the statement's one sink (<see cref="UnionSinks"/>) and counting in
    /// this job's <see cref="Stats"/>. The first SELECT's job has the statement's name, the others
    /// <c>&lt;name&gt;_union_N</c> (their consumer groups, internal topics and metrics). One SELECT failing stops
    /// the others; the job's state is the worst of theirs.
    /// </summary>
    /// <summary>The job name of SELECT <paramref name="index"/> (0-based) of a UNION ALL in job <paramref name="job"/>.</summary>
    public static string SelectJobName(string job, int index) => index == 0 ? job : $"{job}_union_{index + 1}";

    private async Task<JobState> RunUnionAsync(CancellationToken cancellationToken)
    {
        Stats.State = JobState.Running;
        Stats.StartedAt = DateTimeOffset.UtcNow;
        var sinks = new UnionSinks();
        var selects = _bound.Selects.Select((select, i) => new JobRunner(
            select with { UnionBranches = [] }, _registry, _options, SelectJobName(Name, i), Stats, sinks)).ToList();
        JobState[] states;
        using (var stopAll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            try
            {
                var running = selects.Select(async select =>
                {
                    var state = await select.Start(stopAll.Token).ConfigureAwait(false);
                    if (state == JobState.Failed) await stopAll.CancelAsync().ConfigureAwait(false);
                    return state;
                }).ToList();
                states = await Task.WhenAll(running).ConfigureAwait(false);
            }
            finally
            {
                // The shared file closes only when every SELECT has ended, before the job reports its end.
                await sinks.DisposeAsync().ConfigureAwait(false);
            }
        }
        Executor = selects[0].Executor;
        Stats.StoppedAt = DateTimeOffset.UtcNow;
        Stats.State = states.Contains(JobState.Failed) ? JobState.Failed : states.Contains(JobState.Stopped) ? JobState.Stopped : JobState.Completed;
        return Stats.State;
    }
}
