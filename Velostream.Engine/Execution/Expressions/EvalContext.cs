using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Expressions;

/// <summary>
/// What an expression reads: the current row's slots plus the record and window metadata behind the
/// system columns. One instance per job stage, reused for every row: evaluation allocates nothing.
/// </summary>
internal sealed class EvalContext
{
    public EvalContext(int slots) => Values = new SqlValue[slots];

    /// <summary>The row: decoded input fields (input stage) or group keys and aggregate results (output stage).</summary>
    public SqlValue[] Values;

    /// <summary>The input record behind the row (stateless stages).</summary>
    public SourceRecord Record;

    /// <summary>Which of the job's sources <see cref="Record"/> came from (state notes it to hold offsets back).</summary>
    public int SourceIndex;

    /// <summary>The row's event time in epoch ms, or -1.</summary>
    public long EventTimeMs = -1;

    public long WindowStartMs = -1;
    public long WindowEndMs = -1;

    /// <summary>The wall clock for NOW(), fixed once per batch so a batch sees one "now".</summary>
    public long NowMs;

    /// <summary>Headers SET_HEADER gave the row being projected (emptied before each row); null until first used.</summary>
    public RecordHeaders? OutputHeaders;
}
