
namespace Velostream.Engine.Execution.Operators;

/// <summary>What became of the record an operator was given.</summary>
internal enum RecordOutcome
{
    /// <summary>Taken in: filtered out, held in state, or turned into outputs.</summary>
    Accepted,

    /// <summary>Every window it belongs to has closed already: counted as late, no state changed.</summary>
    Late,

    /// <summary>It could not be evaluated (<see cref="OperatorResult.Error"/> says why); no state changed.</summary>
    Failed,
}
