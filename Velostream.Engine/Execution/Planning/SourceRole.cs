
namespace Velostream.Engine.Execution.Planning;

internal enum SourceRole
{
    /// <summary>Read continuously; drives the job (FROM, or either side of an interval join).</summary>
    Stream,
    /// <summary>Right side of a join without a time bound: loaded whole before the stream starts.</summary>
    Table,
}
