using Velostream.Engine.Connectors;
using Velostream.Engine.Execution.Values;

namespace Velostream.Engine.Execution.Operators.RowFunctions;

/// <summary>A row held for LEAD: its slots, the record and source it came from, its event time and position in its partition.</summary>
internal sealed record HeldRow(SqlValue[] Values, SourceRecord Record, int SourceIndex, long EventTimeMs, SqlValue[] LeadArguments, long Position);
