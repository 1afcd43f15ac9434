# Las palabras del área de familias en español. Cada mensaje de en.ftl debe estar aquí
# también (lo comprueba una prueba). Variables: $name es el nombre de pila, $full el
# nombre completo.

language-name = Español
language-label = Idioma

## El encabezado del sitio alrededor de las páginas de familias
header-skip = Saltar al contenido principal
header-nav = Principal
header-data = Sus datos
header-switch = Cambiar de persona
header-install = Instalar Wayfinder
header-install-short = Instalar

## Todas las páginas de familias
family-title = Vista para familias
choose-child = Elija a su hijo o hija
choose-another = Elegir a otro niño o niña

## /family: elija a su hijo o hija
home-lead = Aquí verá las metas que su hijo o hija se puso con su docente y cómo le va.
home-none = Todavía no hay ningún niño ni niña en este dispositivo.

## El PIN de familia
gate-missing = No encontramos a este niño o niña en este dispositivo.
gate-no-pin = El docente de { $name } todavía no ha puesto un PIN de familia en este dispositivo.
gate-ask = Pida el PIN de familia al docente. Así cada familia ve solo lo suyo.
gate-heading = Escriba el PIN de familia de { $name }
gate-pin-label = PIN de familia
gate-pin-note = El PIN se lo dio el docente. ¿Lo olvidó? El docente puede poner uno nuevo.

## El aprendizaje de un niño o niña
view-title = El aprendizaje de { $name }
view-lead = En qué trabaja { $name } en la escuela, las metas que se puso con su docente y cómo le va.
print-button = Imprimir un informe de progreso
report-for = Informe de progreso de { $full }
report-private = Este informe muestra solo las metas que aprobó el docente de { $name } y lo que { $name } quiso compartir.

## En qué trabaja
working-heading = En qué trabaja { $name }
working-none = { $name } todavía no ha elegido un camino. Lo verá aquí cuando lo haga.
path-unit = Unidad: { $unit }
path-progress = { $total ->
    [one] { $done } de { $total } paso hecho
   *[other] { $done } de { $total } pasos hechos
}
steps-label = Los pasos de { $name }, en el orden que eligió
step-not-started = Sin empezar
step-started = En marcha
step-done = Hecho
making-heading = Lo que { $name } está creando para mostrar lo que aprendió
product-for = Para { $unit }
product-own-idea = Idea propia de { $name }:
product-why = Por qué lo eligió { $name }:

## Metas
goals-heading = Las metas de { $name }
goals-count = { $total ->
    [one] { $achieved } de { $total } meta lograda
   *[other] { $achieved } de { $total } metas logradas
}
goals-none = Todavía no hay metas para mostrar. Una meta aparece aquí cuando el docente la aprueba.
goal-working = En marcha
goal-achieved = Lograda
goal-targets = Para aprender
goal-criteria = { $name } sabrá que lo logró cuando
goal-plan = El plan
goal-date = Fecha para terminar
goal-feedback = El docente dice
goal-evidence = Trabajo que { $name } compartió

## En casa
help-heading = Cómo puede ayudar en casa
help-lead = { $name } dijo que esto le ayudaría:
help-none = Pida a { $name } que le cuente sobre una de estas metas. Escuchar y hacer preguntas ayuda mucho.
help-always = Pregunte a { $name } qué le hizo sentir orgullo esta semana y qué quiere probar después.

## Con sus propias palabras
words-heading = Con las palabras de { $name }
words-none = { $name } todavía no ha compartido ninguna reflexión.
prompt-went-well = ¿Qué salió bien?
prompt-was-hard = ¿Qué fue difícil?
prompt-next = ¿Qué probaré después?
prompt-free = Pensamientos
written-on = Escrito el { $date }

## Otros trabajos que compartió
shared-heading = Más trabajos que { $name } compartió
open-link = Abrir el enlace

## Formatos del menú
format-essay = Ensayo
format-website = Sitio web
format-infographic = Infografía
format-video-script = Guion de video
format-podcast = Pódcast
format-slideshow = Presentación de diapositivas
format-comic = Cómic
format-poster-or-model = Póster o maqueta

## Fechas
date-long = { $day } de { $month } de { $year }
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre

## La carta para la familia que el docente imprime al poner un PIN de familia
letter-title = Cómo ver el aprendizaje de { $name } en Wayfinder
letter-hello = Estimada familia de { $name }:
letter-what = En nuestra clase, { $name } usa Wayfinder para ponerse metas de aprendizaje conmigo, elegir cómo aprender y cómo mostrar lo que aprendió, y ver cómo le va. Ustedes también pueden verlo.
letter-device = Wayfinder guarda todo en el dispositivo de la clase, en su navegador. No se envía nada por internet, y no hay que crear ninguna cuenta ni contraseña.
letter-how = Cómo abrirlo
letter-step-device = Use el dispositivo de la clase. Pregúnteme cuándo es un buen momento.
letter-step-family = En la primera pantalla de Wayfinder, elija "Family" (Familia).
letter-step-child = Elija a { $name }.
letter-step-pin = Escriba el PIN de familia que aparece abajo.
letter-pin = Su PIN de familia
letter-see = Verá las metas que { $name } se puso y que yo aprobé, el trabajo que { $name } quiso compartir, mis comentarios y cómo puede ayudar en casa. Puede leerlo en español o en inglés, e imprimir un informe de progreso.
letter-private = Por favor, guarde este PIN en privado: así la página de { $name } es solo para su familia. Si lo pierde, pídamelo y le pondré uno nuevo.
letter-thanks = Muchas gracias,
letter-from = El docente de { $name }

## La casilla del PIN de familia
pin-unlock = Abrir
pin-checking = Comprobando…
pin-wrong-last = Ese no es el PIN. Un intento equivocado más y tendrá que esperar un poco.
pin-wrong = Ese no es el PIN. Puede intentarlo { $count } { $count ->
    [one] vez más
   *[other] veces más
} antes de tener que esperar un poco.
pin-wrong-wait = Ese no es el PIN. Demasiados intentos: espere { $time } antes de volver a intentarlo.
pin-countdown = Demasiados intentos equivocados. Puede volver a intentarlo en { $time }.
pin-problem-empty = Escriba primero el PIN.
pin-problem-not-digits = Un PIN solo lleva los números del 0 al 9.
pin-problem-too-short = Un PIN tiene al menos 4 números.
pin-problem-too-long = Un PIN tiene como máximo 12 números.
pin-none = Aquí no hay ningún PIN de familia que comprobar.
time-minutes = { $count ->
    [one] 1 minuto
   *[other] { $count } minutos
}
time-seconds = { $count ->
    [one] 1 segundo
   *[other] { $count } segundos
}
