using Velostream.Engine.Connectors.Kafka;
using Velostream.Engine.Jobs;

namespace Velostream.Engine.Api;

/// <summary>A job the server runs: its runner, the task running it and how to stop it.</summary>
internal sealed class ManagedJob
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<KafkaSource> _kafkaSources = [];

    public ManagedJob(string application, JobRunner runner)
    {
        Application = application;
        Runner = runner;
    }

    public string Name => Runner.Name;

    public string Application { get; }

    public JobRunner Runner { get; }

    public Task<JobState> Completion { get; private set; } = Task.FromResult(JobState.Created);

    public JobStats Stats => Runner.Stats;

    /// <summary>Records behind on the broker over the job's Kafka sources; null when it reads none.</summary>
    public long? Lag
    {
        get
        {
            lock (_kafkaSources)
            {
                if (_kafkaSources.Count == 0 || Stats.State != JobState.Running)
                {
                    return _kafkaSources.Count == 0 ? null : 0;
                }
                return _kafkaSources.Sum(s => s.Lag);
            }
        }
    }

    public void AddSource(KafkaSource source)
    {
        lock (_kafkaSources)
        {
            _kafkaSources.Add(source);
        }
    }

    public void Start() => Completion = Runner.Start(_stop.Token);

    /// <summary>Stops consuming, flushes and commits what was delivered, then completes.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Completion;
        lock (_kafkaSources)
        {
            _kafkaSources.Clear();
        }
    }
}
