namespace Velostream.Engine.Sql.Configuration;

/// <summary>
/// The job-level WITH keys, interpreted. Defaults: no out-of-orderness allowance, late records
/// dropped, failed records logged and skipped, transactions as configured
/// (<see cref="UseTransactions"/> null: <c>Velostream:Kafka:UseTransactions</c>, by default off),
/// threads chosen by the engine (<see cref="Threads"/> null).
/// </summary>
internal sealed record JobSettings(
    TimeSpan MaxOutOfOrderness,
    LateDataStrategy LateData,
    FailureStrategy Failure,
    bool? UseTransactions,
    string? DeadLetterPath,
    string? DeadLetterTopic,
    int? Threads = null)
{
    /// <summary>Operator state of Kafka jobs kept in changelog topics (<c>'state.changelog'</c>, default true).</summary>
    public bool StateChangelog { get; init; } = true;

    public static readonly JobSettings Default = new(TimeSpan.Zero, LateDataStrategy.Drop, FailureStrategy.LogAndContinue, null, null, null);
}
