namespace Velostream.Engine.Sql.Configuration;

/// <summary>The values of <c>'late.data.strategy'</c>.</summary>
internal static class LateDataStrategies
{
    public static LateDataStrategy Parse(string value) => value switch
    {
        "drop" => LateDataStrategy.Drop,
        "dead_letter" => LateDataStrategy.DeadLetter,
        "update_previous" => LateDataStrategy.UpdatePrevious,
        _ => LateDataStrategy.IncludeInNextWindow,
    };
}
