using Velostream.Engine.Jobs;

namespace Velostream.Engine.Execution.Operators;

/// <summary>
/// What one call of a <see cref="IStreamOperator"/> produced: the rows written, what became of the
/// pushed record (with the reason when it failed), and the output rows that failed to evaluate on the
/// way (HAVING or a SELECT item over aggregates, when a group is emitted). A value: callers read the
/// answer of the call they made, never a field the operator left behind.
/// </summary>
internal readonly struct OperatorResult
{
    private OperatorResult(int outputs, RecordOutcome outcome, string? error, List<string>? outputErrors)
    {
        Outputs = outputs;
        Outcome = outcome;
        Error = error;
        OutputErrors = outputErrors;
    }

    /// <summary>Rows written to the job's output by this call.</summary>
    public int Outputs { get; }

    public RecordOutcome Outcome { get; }

    /// <summary>Why the record failed (<see cref="RecordOutcome.Failed"/>), else null.</summary>
    public string? Error { get; }

    /// <summary>Output rows that could not be computed (each counted and logged by the executor); null when none.</summary>
    public IReadOnlyList<string>? OutputErrors { get; }

    public bool IsFailed => Outcome == RecordOutcome.Failed;

    public static OperatorResult None => default;

    public static OperatorResult Late => new(0, RecordOutcome.Late, null, null);

    public static OperatorResult Written(int outputs) => new(outputs, RecordOutcome.Accepted, null, null);

    public static OperatorResult Failed(string reason) => new(0, RecordOutcome.Failed, reason, null);

    /// <summary>Rows written, plus output rows that failed (null or empty when none).</summary>
    public static OperatorResult Written(int outputs, List<string>? outputErrors) =>
        new(outputs, RecordOutcome.Accepted, null, outputErrors is { Count: > 0 } ? outputErrors : null);

    /// <summary>This result with <paramref name="later"/>'s outputs and output errors added; the outcome stays this one's.</summary>
    public OperatorResult Then(in OperatorResult later)
    {
        if (later.OutputErrors is null)
        {
            return later.Outputs == 0 ? this : new(Outputs + later.Outputs, Outcome, Error, (List<string>?)OutputErrors);
        }
        var errors = OutputErrors is null ? [] : new List<string>(OutputErrors);
        errors.AddRange(later.OutputErrors);
        return new(Outputs + later.Outputs, Outcome, Error, errors);
    }

    /// <summary>The same rows and output errors, with the pushed record counted as accepted (a failure or lateness that does not concern the caller's record).</summary>
    public OperatorResult AsAccepted() => new(Outputs, RecordOutcome.Accepted, null, (List<string>?)OutputErrors);
}
