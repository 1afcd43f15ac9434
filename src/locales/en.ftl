# The family area's words in English. Every message here must also be in es.ftl (a host
# test checks). Variables: $name is the child's first name, $full the whole name.

language-name = English
language-label = Language

## The site header around the family pages
header-skip = Skip to main content
header-nav = Main
header-data = Your data
header-switch = Switch person
header-install = Install Wayfinder
header-install-short = Install

## Every family page
family-title = Family view
choose-child = Choose your child
choose-another = Choose another child

## /family: choose your child
home-lead = Here you'll see the goals your child set with their teacher, and how they are doing.
home-none = There are no children on this device yet.

## The family PIN
gate-missing = We couldn't find this child on this device.
gate-no-pin = { $name }'s teacher hasn't set a family PIN on this device yet.
gate-ask = Ask the teacher for the family PIN. It keeps each family's view private.
gate-heading = Type the family PIN for { $name }
gate-pin-label = Family PIN
gate-pin-note = The teacher gave you this PIN. Forgotten it? The teacher can set a new one.

## One child's learning
view-title = { $name }'s learning
view-lead = What { $name } is working on at school, the goals { $name } set with the teacher, and how it is going.
print-button = Print a progress report
report-for = Progress report for { $full }
report-private = This report shows only the goals { $name }'s teacher approved and what { $name } chose to share.

## What they are working on
working-heading = What { $name } is working on
working-none = { $name } hasn't chosen a path yet. You'll see it here once { $name } has.
path-unit = Unit: { $unit }
path-progress = { $done } of { $total ->
    [one] { $total } step
   *[other] { $total } steps
} done
steps-label = { $name }'s steps, in the order { $name } chose
step-not-started = Not started yet
step-started = Working on it
step-done = Done
making-heading = What { $name } is making to show what they learned
product-for = For { $unit }
product-own-idea = { $name }'s own idea:
product-why = Why { $name } chose it:

## Goals
goals-heading = { $name }'s goals
goals-count = { $achieved } of { $total ->
    [one] { $total } goal
   *[other] { $total } goals
} achieved
goals-none = There are no goals to show yet. A goal shows here once the teacher has approved it.
goal-working = Working on it
goal-achieved = Achieved
goal-targets = Working toward
goal-criteria = { $name } will know it's done when
goal-plan = The plan
goal-date = Aim to finish by
goal-feedback = The teacher says
goal-evidence = Work { $name } shared

## At home
help-heading = How you can help at home
help-lead = { $name } said these would help:
help-none = Ask { $name } to tell you about one of these goals. Listening and asking questions helps a lot.
help-always = Ask { $name } what they are proud of this week, and what they want to try next.

## In their own words
words-heading = In { $name }'s own words
words-none = { $name } hasn't shared a reflection yet.
prompt-went-well = What went well?
prompt-was-hard = What was hard?
prompt-next = What will I try next?
prompt-free = Thoughts
written-on = Written on { $date }

## Other work they shared
shared-heading = More work { $name } shared
open-link = Open the link

## Product formats of the built-in menu
format-essay = Essay
format-website = Website
format-infographic = Infographic
format-video-script = Video script
format-podcast = Podcast
format-slideshow = Slideshow
format-comic = Comic
format-poster-or-model = Poster or model

## Dates
date-long = { $month } { $day }, { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## The family letter the teacher prints right after setting a family PIN
letter-title = How to see { $name }'s learning in Wayfinder
letter-hello = Dear family of { $name },
letter-what = In our class, { $name } uses Wayfinder to set learning goals with me, choose how to learn and how to show what they learned, and keep track of how it is going. You can see it too.
letter-device = Wayfinder keeps everything on the class device, in its web browser. Nothing is sent over the internet, and there is no account or password to create.
letter-how = How to open it
letter-step-device = Use the class device. Ask me when is a good time.
letter-step-family = On the first screen of Wayfinder, choose "Family".
letter-step-child = Choose { $name }.
letter-step-pin = Type the family PIN below.
letter-pin = Your family PIN
letter-see = You'll see the goals { $name } set and I approved, the work { $name } chose to share, my feedback, and how you can help at home. You can read it in English or Spanish, and print a progress report.
letter-private = Please keep this PIN private: it keeps { $name }'s page for your family only. If you lose it, ask me and I'll set a new one.
letter-thanks = Thank you,
letter-from = { $name }'s teacher

## The family PIN box
pin-unlock = Unlock
pin-checking = Checking…
pin-wrong-last = That isn't right. One more wrong try means a short wait.
pin-wrong = That isn't right. You can try { $count } more { $count ->
    [one] time
   *[other] times
} before a short wait.
pin-wrong-wait = That isn't right. Too many tries: wait { $time } before trying again.
pin-countdown = Too many wrong tries. You can try again in { $time }.
pin-problem-empty = Type the PIN first.
pin-problem-not-digits = A PIN uses only the numbers 0 to 9.
pin-problem-too-short = A PIN has at least 4 numbers.
pin-problem-too-long = A PIN has at most 12 numbers.
pin-none = There is no family PIN to check here.
time-minutes = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
}
time-seconds = { $count ->
    [one] 1 second
   *[other] { $count } seconds
}
