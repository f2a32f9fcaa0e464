using Velostream.Engine.Jobs;

namespace Velostream.Engine.Execution.Planning;

/// <summary>How a job runs, beyond what its SQL says. Defaults suit <c>run</c>.</summary>
internal sealed record JobOptions
{
    /// <summary>Folder relative connector paths resolve against (the SQL file's folder).</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>The job's name when the statement has none (a bare SELECT): <c>run</c> numbers them.</summary>
    public string? JobName { get; init; }

    /// <summary>The application's name (<c>-- @app:</c>), for observers.</summary>
    public string? AppName { get; init; }

    /// <summary>Records read per batch.</summary>
    public int BatchSize { get; init; } = 4096;

    /// <summary>
    /// Threads a job may use, overriding its <c>'execution.threads'</c>; null: that setting, else
    /// <see cref="DefaultThreads"/>. With 2 or more, a file source is read and decoded on a thread of its
    /// own (<see cref="Runtime.ReadAheadSource"/>) and a file sink written on another.
    /// </summary>
    public int? Threads { get; init; }

    /// <summary>Two threads where the machine has two cores or more, else one.</summary>
    public static int DefaultThreads => Math.Min(2, Environment.ProcessorCount);

    /// <summary>The threads a job with <paramref name="settings"/> uses.</summary>
    public int ThreadsFor(Sql.Configuration.JobSettings settings) => Threads ?? settings.Threads ?? DefaultThreads;

    /// <summary>How often sinks are flushed and sources committed while a job runs.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a stopping job waits for its sinks (the broker's acknowledgements) before it gives up,
    /// so that every verb stops within 10 s whatever the broker does.
    /// </summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Inputs' metadata kept per window/join output for tracing links.</summary>
    public int LineageSampleSize { get; init; } = 32;

    public JobObserver Observer { get; init; } = JobObserver.None;

    /// <summary>Where a bare SELECT writes (standard output when null).</summary>
    public Stream? StandardOutput { get; init; }

    /// <summary>Where per-record failures are logged (standard error when null).</summary>
    public TextWriter? Log { get; init; }

    /// <summary>At most this many failures are logged per job; all are counted.</summary>
    public int MaxLoggedFailures { get; init; } = 100;

    /// <summary>Resolves a path written in the SQL against <see cref="BaseDirectory"/> (the SQL file's folder).</summary>
    public string ResolvePath(string path) =>
        Path.IsPathRooted(path) || BaseDirectory is null ? path : Path.GetFullPath(Path.Combine(BaseDirectory, path));

    /// <summary>Where operators keep their keyed state; null: in memory, new for each job.</summary>
    public State.IStateStoreProvider? StateStores { get; init; }

    /// <summary>
    /// The input partition this executor's operator chain serves (its stores are that partition's), or
    /// <see cref="State.StateStoreId.Unpartitioned"/> when one chain serves every partition.
    /// </summary>
    public int StatePartition { get; init; } = State.StateStoreId.Unpartitioned;

    /// <summary>The application's statements' outputs passed in process to the statements reading them (null: none).</summary>
    public StatementPipes? Pipes { get; init; }

    /// <summary>Wall clock in epoch ms (NOW(), processing time); replaceable for tests.</summary>
    public Func<long> Clock { get; init; } = static () => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
