namespace Velostream.Engine.Sql.Configuration;

/// <summary>Names of the job-level WITH keys (not prefixed by a source or sink name).</summary>
internal static class JobKeys
{
    public const string MaxOutOfOrderness = "watermark.max_out_of_orderness";
    public const string LateDataStrategy = "late.data.strategy";
    public const string FailureStrategy = "failure.strategy";
    public const string UseTransactions = "use_transactions";

    /// <summary>Threads a job may use (<c>'1'</c>: all its work on one; default: up to 2, as many as there are cores).</summary>
    public const string Threads = "execution.threads";

    /// <summary>Whether operator state of a job reading Kafka is kept in changelog topics (default true).</summary>
    public const string StateChangelog = "state.changelog";

    /// <summary>Job-wide event-time column, as Velostream applications write it; applies to the FROM source.</summary>
    public const string EventTimeField = "event.time.field";

    /// <summary>Suffixes of keys prefixed by the job (statement) name: <c>'&lt;job&gt;.dlq.path'</c>.</summary>
    public const string DeadLetterPath = "dlq.path";
    public const string DeadLetterTopic = "dlq.topic";

    public static readonly IReadOnlyList<string> LateDataValues = ["drop", "dead_letter", "update_previous", "include_in_next_window"];
    public static readonly IReadOnlyList<string> FailureValues = ["log_and_continue", "dead_letter", "fail"];
    public static readonly IReadOnlyList<string> BooleanValues = ["true", "false"];
}
