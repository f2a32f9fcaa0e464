namespace Velostream.Engine.Sql.Configuration;

/// <summary><c>'failure.strategy'</c>: what happens to a record that cannot be decoded or evaluated.</summary>
internal enum FailureStrategy
{
    LogAndContinue,
    DeadLetter,
    Fail,
}
