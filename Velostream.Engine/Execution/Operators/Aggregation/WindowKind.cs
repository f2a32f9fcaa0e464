namespace Velostream.Engine.Execution.Operators.Aggregation;

internal enum WindowKind
{
    /// <summary>No WINDOW clause: one continuous group per key.</summary>
    None,
    Tumbling,
    Sliding,
    Session,
}
