namespace IlmEnergy.Firmware.App.Tests;

public class ButtonLatchTests
{
    [Fact]
    public void A_press_is_reported_once()
    {
        var latch = new ButtonLatch(250);
        Assert.False(latch.TakePress());
        latch.OnEdge(true, 1000);
        latch.OnEdge(false, 1100);
        Assert.True(latch.TakePress());
        Assert.False(latch.TakePress());
    }

    [Fact]
    public void Contact_bounce_counts_as_one_press_and_a_later_press_counts_again()
    {
        var latch = new ButtonLatch(250);
        latch.OnEdge(true, 1000);
        Assert.True(latch.TakePress());
        latch.OnEdge(true, 1100); // bounce within 250 ms
        Assert.False(latch.TakePress());
        latch.OnEdge(true, 1300);
        Assert.True(latch.TakePress());
    }

    [Fact]
    public void Release_edges_alone_are_no_press()
    {
        var latch = new ButtonLatch(0);
        latch.OnEdge(false, 10);
        Assert.False(latch.TakePress());
    }

    [Fact]
    public void A_first_press_right_after_boot_is_not_mistaken_for_bounce()
    {
        var latch = new ButtonLatch(250);
        latch.OnEdge(true, 10);
        Assert.True(latch.TakePress());
    }

    [Fact]
    public void Presses_from_an_interrupt_thread_are_not_lost()
    {
        var latch = new ButtonLatch(0);
        int seen = 0;
        var presser = new Thread(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                latch.OnEdge(true, i);
                Thread.SpinWait(50);
            }
        });
        presser.Start();
        while (presser.IsAlive)
        {
            if (latch.TakePress())
            {
                seen++;
            }
        }

        if (latch.TakePress())
        {
            seen++;
        }

        Assert.InRange(seen, 1, 1000);
        Assert.False(latch.TakePress());
    }
}
