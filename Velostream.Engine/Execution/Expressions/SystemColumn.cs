
namespace Velostream.Engine.Execution.Expressions;

internal enum SystemColumn
{
    EventTime,
    Timestamp,
    Offset,
    Partition,
    Topic,
    Key,
    WindowStart,
    WindowEnd,
}
