using Imaging.Dicom.Imaging;

namespace Imaging.Dicom.Rendering;

/// <summary>A window center and width in modality units, with the function that applies it.</summary>
public readonly record struct VoiWindow(double Center, double Width, VoiLutFunction Function = VoiLutFunction.Linear)
{
    /// <summary>Throws <see cref="PixelDataException"/> when the width cannot define a window for its function.</summary>
    public void Validate()
    {
        if (!double.IsFinite(Center) || !double.IsFinite(Width))
            throw new PixelDataException($"Window center {Center} / width {Width} is not a finite number");
        // PS3.3 C.11.2.1.2.1: LINEAR needs a width of at least 1; LINEAR_EXACT and SIGMOID need a positive one.
        if (Function == VoiLutFunction.Linear && Width < 1)
            throw new PixelDataException($"Window width {Width} is below 1, the least a LINEAR window allows");
        if (Function != VoiLutFunction.Linear && Width <= 0)
            throw new PixelDataException($"Window width {Width} is not positive, as {Function} requires");
    }
}
