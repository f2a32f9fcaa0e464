namespace Velostream.Engine.Sql.Configuration;

/// <summary><c>'late.data.strategy'</c>: what happens to a record behind the watermark.</summary>
internal enum LateDataStrategy
{
    /// <summary>Counted as late and dropped.</summary>
    Drop,
    /// <summary>Counted as late and written to the job's dead letters.</summary>
    DeadLetter,
    /// <summary>Folded into the window it belongs to while that window closed less than one window size ago; its corrected row is written again.</summary>
    UpdatePrevious,
    /// <summary>Folded into the window open at the watermark, as if it had arrived on time.</summary>
    IncludeInNextWindow,
}
