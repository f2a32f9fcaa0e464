namespace Velostream.Engine.Sql.Validation;

internal enum QueryClause
{
    Select,
    JoinOn,
    Where,
    GroupBy,
    Having,
    Window,
    OrderBy,
    Limit,
}
