namespace Imaging.Phantoms.Spine;

/// <summary>Genant's semi-quantitative grade of a vertebral height loss.</summary>
public static class GenantGrade
{
    /// <summary>Below 20 % grade 0 (normal), 20 to below 25 % grade 1 (mild), 25 to 40 % grade 2 (moderate), above 40 % grade 3 (severe).</summary>
    public static int FromHeightLoss(double percent) => percent switch
    {
        < 20 => 0,
        < 25 => 1,
        <= 40 => 2,
        _ => 3,
    };
}
