namespace Velostream.Engine.Sql.Functions;

/// <summary>What an argument must be, checked statically when its type is known.</summary>
internal enum ArgumentConstraint
{
    Any,
    Numeric,
    Text,
}
