# The family area's words in English. Every message here must also be in es.ftl (a host
# test checks). Variables: $name is the child's first name, $full the whole name.

language-name = English
language-label = Language

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
