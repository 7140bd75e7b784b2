/**
 * The demo store's catalog: what an Argentine minimercado carries, with
 * real-looking brands, sizes and November 2026 shelf prices (IVA included).
 *
 * Each line is `Category | Product | Brands | Sizes`. Brands may carry a price
 * factor against the first one ("Taragüí 0.95"); sizes carry the first brand's
 * price in pesos ("1 kg 6590"). Weighed goods use the size `x kg` and their
 * price is per kilo. Lines expand to one product per brand and size.
 */
const LINES = `
Almacén | Yerba mate | Playadito, Taragüí 0.95, Rosamonte 1.02, La Merced 1.15, Cruz de Malta 0.92, Amanda 0.9 | 500 g 3690, 1 kg 6890
Almacén | Yerba mate compuesta | Taragüí, Cruz de Malta 0.96 | 500 g 3590
Almacén | Azúcar | Ledesma, Chango 0.93, Dominó 0.9 | 1 kg 1590
Almacén | Azúcar en sobres | Ledesma | caja x 50 u 2490
Almacén | Harina 000 | Pureza, Blancaflor 1.08, Favorita 0.88 | 1 kg 1290
Almacén | Harina leudante | Blancaflor, Pureza 0.95 | 1 kg 1690
Almacén | Fideos spaghetti | Matarazzo, Lucchetti 0.9, Don Vicente 1.2, Terrabusi 1.05 | 500 g 1790
Almacén | Fideos tirabuzón | Matarazzo, Lucchetti 0.9, Favorita 0.8 | 500 g 1790
Almacén | Fideos mostachol | Matarazzo, Lucchetti 0.9 | 500 g 1790
Almacén | Fideos moñito | Matarazzo, Don Vicente 1.2 | 500 g 1890
Almacén | Arroz largo fino | Gallo Oro, Molinos Ala 0.88, Dos Hermanos 0.92 | 500 g 1390, 1 kg 2490
Almacén | Arroz parboil | Gallo, Molinos Ala 0.9 | 1 kg 2790
Almacén | Aceite de girasol | Natura, Cocinero 0.95, Cañuelas 0.9, Lira 0.85 | 900 ml 3190, 1,5 l 4990
Almacén | Aceite de oliva extra virgen | Cocinero, Nucete 1.3 | 500 ml 9890
Almacén | Puré de tomate | Arcor, Salsati 0.95, La Campagnola 1.1 | 520 g 990
Almacén | Tomate triturado | La Campagnola, Arcor 0.9 | 970 g 1890
Almacén | Arvejas en lata | Arcor, Noel 0.95 | 350 g 990
Almacén | Choclo cremoso | Arcor, La Campagnola 1.1 | 300 g 1290
Almacén | Atún en aceite | La Campagnola, Gomes da Costa 1.15 | 170 g 3290
Almacén | Caballa en aceite | Gomes da Costa, Coqueiro 0.95 | 380 g 3990
Almacén | Mayonesa | Hellmann's, Natura 0.85, Fanacoa 0.8 | 237 g 1990, 475 g 3390
Almacén | Kétchup | Hellmann's, Natura 0.85 | 250 g 1890
Almacén | Mostaza | Savora, Fanacoa 0.85 | 250 g 1590
Almacén | Sal fina | Celusal, Dos Anclas 0.95 | 500 g 890
Almacén | Sal gruesa | Dos Anclas | 1 kg 1190
Almacén | Vinagre de alcohol | Menoyo, Dos Anclas 0.9 | 1 l 1290
Almacén | Café instantáneo | Nescafé Dolca, La Virginia 0.85 | 170 g 7990
Almacén | Café molido | La Virginia, Cabrales 1.15, Bonafide 1.1 | 250 g 5490
Almacén | Té en saquitos | Taragüí, La Virginia 0.95, Green Hills 0.8 | caja x 25 u 990, caja x 50 u 1690
Almacén | Mate cocido en saquitos | Taragüí, La Tranquera 0.85 | caja x 25 u 990
Almacén | Cacao en polvo | Nesquik, Toddy 0.92 | 360 g 3890
Almacén | Dulce de leche clásico | La Serenísima, Sancor 0.97, Milkaut 0.9 | 400 g 2790
Almacén | Mermelada de durazno | Arcor, BC 1.05, Dulcor 0.95 | 454 g 2290
Almacén | Polenta instantánea | Presto Pronta, Mágica 0.85 | 500 g 1490
Almacén | Lentejas | Inalpa, Egran 1.1 | 400 g 1590
Almacén | Caldo de verdura | Knorr, Maggi 0.95 | caja x 12 u 1890
Almacén | Sopa instantánea | Knorr | sobre 65 g 990
Almacén | Galletitas de agua | Criollitas, Express 1.05, Traviata 1.03 | 300 g 1690
Almacén | Galletitas dulces surtidas | Terrabusi, Bagley 0.95 | 390 g 2890
Almacén | Galletitas de chocolate | Oreo, Toddy 0.92, Pepitos 0.88 | 118 g 1390
Almacén | Bizcochos de grasa | Don Satur | 200 g 1290
Almacén | Tostadas de arroz | Gallo | 150 g 1590
Bebidas | Gaseosa cola | Coca-Cola, Pepsi 0.88, Manaos 0.55 | 500 ml 1790, 1,5 l 3590, 2,25 l 4690
Bebidas | Gaseosa cola sin azúcar | Coca-Cola Zero, Pepsi Black 0.88 | 500 ml 1790, 2,25 l 4690
Bebidas | Gaseosa lima limón | Sprite, 7Up 0.9 | 1,5 l 3390, 2,25 l 4490
Bebidas | Gaseosa naranja | Fanta, Mirinda 0.88 | 1,5 l 3390, 2,25 l 4490
Bebidas | Agua tónica | Schweppes | 1,5 l 3490
Bebidas | Agua mineral sin gas | Villavicencio, Glaciar 0.85, Eco de los Andes 0.92 | 500 ml 1090, 2 l 2190
Bebidas | Agua con gas | Villa del Sur, Ivess 0.85 | 1,5 l 1790
Bebidas | Agua saborizada pomelo | Levité, Aquarius 1.05 | 1,5 l 2590
Bebidas | Jugo en polvo naranja | Tang, Clight 1.1, Baggio 0.85 | sobre 18 g 490
Bebidas | Jugo de naranja | Cepita, Baggio 0.85 | 1 l 2390
Bebidas | Bebida isotónica | Gatorade, Powerade 0.95 | 500 ml 2290
Bebidas | Cerveza rubia lata | Quilmes Clásica, Brahma 0.95, Stella Artois 1.25, Andes Origen 1.15, Heineken 1.3 | 473 ml 2290
Bebidas | Cerveza rubia botella | Quilmes Clásica, Stella Artois 1.25 | 1 l 3990
Bebidas | Vino tinto Malbec | Alma Mora, Santa Julia 1.15, Trumpeter 1.4, Latitud 33 1.2 | 750 ml 6490
Bebidas | Vino tinto de mesa | Toro, Termidor 0.95, Uvita 0.8 | 1 l 2490
Bebidas | Vino blanco dulce | Santa Ana, Estancia Mendoza 0.95 | 750 ml 4290
Bebidas | Fernet | Branca, 1882 0.75 | 450 ml 9990, 750 ml 15990
Bebidas | Aperitivo | Gancia, Cinzano 0.95 | 950 ml 7990
Bebidas | Energizante | Speed, Red Bull 1.6, Monster 1.5 | 250 ml 1690
Lácteos | Leche entera sachet | La Serenísima, Sancor 0.97, Ilolay 0.93 | 1 l 1690
Lácteos | Leche descremada | La Serenísima, Sancor 0.97 | 1 l 1790
Lácteos | Leche larga vida entera | La Serenísima, Milkaut 0.92 | 1 l 2190
Lácteos | Leche chocolatada | Cindor, Milkaut 0.85 | 1 l 3290
Lácteos | Yogur bebible frutilla | Ser, La Serenísima 0.9, Yogurísimo 0.95 | 900 g 3390
Lácteos | Yogur firme vainilla | Yogurísimo, Sancor 0.9 | 190 g 1190
Lácteos | Queso crema | Casancrem, Finlandia 1.05, La Paulina 0.85 | 290 g 3590
Lácteos | Queso rallado | La Serenísima, La Paulina 0.9 | 120 g 3290
Lácteos | Manteca | La Serenísima, Sancor 0.96, Tonadita 0.85 | 200 g 3490
Lácteos | Crema de leche | La Serenísima, Milkaut 0.9 | 200 ml 2890
Lácteos | Postre de chocolate | Serenito, Danette 1.05 | 120 g 1290
Lácteos | Ricota | La Paulina, Sancor 1.05 | 500 g 3190
Fiambrería | Jamón cocido natural | Paladini, Cagnoli 1.1, Bocatti 1.05 | x kg 21900
Fiambrería | Paleta cocida | Paladini, Cagnoli 1.1 | x kg 13900
Fiambrería | Salame tipo milán | Cagnoli, Paladini 0.95 | x kg 28900
Fiambrería | Mortadela | Paladini, Calchaquí 0.9 | x kg 10900
Fiambrería | Queso de máquina | La Paulina, Sancor 0.95 | x kg 16900
Fiambrería | Queso cremoso | La Paulina, Milkaut 0.95 | x kg 12900
Fiambrería | Queso pategrás | La Paulina, Sancor 0.96 | x kg 19900
Fiambrería | Queso reggianito | La Paulina | x kg 24900
Fiambrería | Salchichas | Paty, Vienissima 0.85 | x 6 u 2290, x 12 u 3990
Fiambrería | Hamburguesas de carne | Paty, Swift 0.9 | x 4 u 4990
Fiambrería | Aceitunas verdes | Nucete, Cuisine & Co 0.85 | x kg 9900
Panadería | Pan francés | Panadería de la casa | x kg 3290
Panadería | Facturas surtidas | Panadería de la casa | x kg 11900
Panadería | Pan lactal blanco | Fargo, Bimbo 1.05 | 560 g 3190
Panadería | Pan lactal integral | Fargo, Bimbo 1.05 | 540 g 3390
Panadería | Pan de hamburguesa | Fargo, Bimbo 1.05 | x 4 u 2290
Panadería | Prepizza | Panadería de la casa | x 2 u 2490
Panadería | Tapas para empanadas | La Salteña, Mendia 0.9 | x 12 u 2090
Panadería | Tapas para tarta | La Salteña | x 2 u 2290
Panadería | Budín de vainilla | Bimbo, Valente 0.9 | 215 g 2190
Golosinas | Alfajor triple chocolate | Jorgito, Guaymallén 0.55, Milka 1.4, Havanna 2.1, Fantoche 0.9 | 1 u 990
Golosinas | Alfajor simple | Jorgito, Guaymallén 0.6, Capitán del Espacio 1.0 | 1 u 690
Golosinas | Chocolate con leche | Milka, Cofler 0.8, Águila 1.1 | 100 g 3690
Golosinas | Chocolate con maní | Cofler Block, Shot 0.95 | 38 g 1290
Golosinas | Caramelos masticables | Sugus, Arcor Butter Toffees 0.9 | bolsa 150 g 1690
Golosinas | Chicles | Beldent, Topline 0.95 | 10 u 990
Golosinas | Chupetín | Pico Dulce, Mr. Pop's 1.1 | 1 u 290
Golosinas | Turrón de maní | Arcor, Georgalos 0.95 | 25 g 390
Golosinas | Bon o bon | Arcor | 1 u 590
Golosinas | Papas fritas clásicas | Lay's, Pehuamar 0.75, Krachitos 0.7 | 85 g 1990, 150 g 3290
Golosinas | Palitos salados | Pehuamar, Krachitos 0.9 | 120 g 1690
Golosinas | Maní salado | Pehuamar, Krachitos 0.9 | 200 g 1890
Cigarrillos | Cigarrillos | Marlboro, Philip Morris 0.9, Camel 0.93, Lucky Strike 0.93, Chesterfield 0.8, Jockey Club 0.82 | box 20 u 4900, común 20 u 4700, box 10 u 2650
Cigarrillos | Tabaco para armar | Flandria, Van Nelle 1.1 | 30 g 4290
Cigarrillos | Papel para armar | OCB, Smoking 1.05 | 50 hojas 890
Cigarrillos | Encendedor | Bic, Clipper 1.1 | 1 u 1490
Limpieza | Lavandina | Ayudín, Querubín 0.8 | 1 l 1290, 2 l 2190
Limpieza | Detergente | Magistral, Ala 0.85, Cif 0.92 | 500 ml 2290, 750 ml 3190
Limpieza | Jabón en polvo | Ala, Skip 1.2, Drive 0.85 | 800 g 4290
Limpieza | Jabón líquido para ropa | Skip, Ala 0.85 | 3 l 12990
Limpieza | Suavizante | Comfort, Vivere 0.9 | 900 ml 3290
Limpieza | Limpiador de pisos | Procenex, Poett 1.05, Cif 1.1 | 900 ml 1990
Limpieza | Desengrasante | Cif, Mr. Músculo 1.05 | 500 ml 3490
Limpieza | Esponja | Mortimer, Virulana 0.9 | x 3 u 1590
Limpieza | Virulana | Virulana | x 10 u 1190
Limpieza | Bolsas de residuos | Rindex, Sin Marca 0.7 | x 10 u 1390
Limpieza | Insecticida en aerosol | Raid, Fuyí 0.85 | 360 ml 5490
Limpieza | Rejilla de algodón | Mortimer | 1 u 1290
Limpieza | Trapo de piso | Mortimer, Sin Marca 0.8 | 1 u 1890
Perfumería | Papel higiénico | Higienol, Elite 1.05, Campanita 0.8 | x 4 rollos 2790
Perfumería | Rollo de cocina | Sussex, Elite 1.05 | x 3 u 3190
Perfumería | Jabón de tocador | Dove, Lux 0.8, Rexona 0.85 | 90 g 1690
Perfumería | Shampoo | Sedal, Pantene 1.3, Head & Shoulders 1.4 | 340 ml 4490
Perfumería | Acondicionador | Sedal, Pantene 1.3 | 340 ml 4490
Perfumería | Pasta dental | Colgate, Kolynos 0.75, Odol 0.85 | 90 g 2490
Perfumería | Cepillo de dientes | Colgate, Oral-B 1.2 | 1 u 2190
Perfumería | Desodorante en aerosol | Rexona, Axe 1.05, Dove 1.1 | 150 ml 4290
Perfumería | Toallitas femeninas | Always, Nosotras 0.85, Lady Soft 0.8 | x 8 u 2590
Perfumería | Pañales | Pampers, Huggies 1.05, Babysec 0.75 | talle G x 30 u 18990
Perfumería | Algodón | Estrella | 70 g 1290
Perfumería | Protector solar | Dermaglós, Banana Boat 1.15 | FPS 30 120 ml 13990
Congelados | Papas prefritas | McCain, Granja del Sol 0.9 | 720 g 4990
Congelados | Medallones de pollo | Granja del Sol, Swift 0.95 | x 4 u 3990
Congelados | Helado | Frigor, Grido 0.85 | 1 kg 7990
Congelados | Vegetales congelados | Granja del Sol, McCain 1.05 | 500 g 3490
Congelados | Hielo en cubos | Sin Marca | bolsa 2 kg 1490
Mascotas | Alimento para perros | Dog Chow, Pedigree 1.05, Sieger 1.4 | 3 kg 13990
Mascotas | Alimento para gatos | Cat Chow, Whiskas 1.05 | 1 kg 6490
Verdulería | Papa | Verdulería | x kg 1190
Verdulería | Cebolla | Verdulería | x kg 1290
Verdulería | Tomate redondo | Verdulería | x kg 2990
Verdulería | Banana | Verdulería | x kg 2490
Verdulería | Manzana roja | Verdulería | x kg 2890
Verdulería | Huevos blancos | Granja Avícola | maple x 30 u 7490, x 12 u 3290
Almacén | Fideos cabello de ángel | Matarazzo, Lucchetti 0.9 | 500 g 1790
Almacén | Fideos tallarín | Don Vicente, Matarazzo 0.85, Lucchetti 0.8 | 500 g 2090
Almacén | Fideos guiseros | Lucchetti, Favorita 0.9 | 500 g 1590
Almacén | Orégano | Alicante, Dos Anclas 0.9 | 25 g 990
Almacén | Pimentón dulce | Alicante, Dos Anclas 0.9 | 25 g 1090
Almacén | Pimienta negra molida | Alicante, Dos Anclas 0.9 | 25 g 1690
Almacén | Comino molido | Alicante | 25 g 1190
Almacén | Provenzal | Alicante | 25 g 1090
Almacén | Ají molido | Alicante, Dos Anclas 0.9 | 25 g 990
Almacén | Nuez moscada | Alicante | 10 g 1490
Almacén | Cereales de maíz | Kellogg's Corn Flakes, Granix 0.8 | 300 g 3990
Almacén | Cereales azucarados | Zucaritas, Trix 0.95 | 290 g 4490
Almacén | Avena instantánea | Quaker, Granix 0.85 | 400 g 2490
Almacén | Barra de cereal | Cereal Mix, Granix 0.9 | 1 u 690
Almacén | Premezcla para bizcochuelo vainilla | Exquisita, Royal 1.05 | 540 g 2690
Almacén | Premezcla para bizcochuelo chocolate | Exquisita, Royal 1.05 | 540 g 2790
Almacén | Gelatina frutilla | Royal, Exquisita 0.9 | 25 g 890
Almacén | Flan vainilla | Royal, Exquisita 0.9 | 40 g 990
Almacén | Levadura seca | Levex, Calsa 1.05 | 10 g 690
Almacén | Polvo de hornear | Royal | 50 g 1190
Almacén | Pan rallado | Preferido, Mamá Cocina 0.9 | 500 g 1690
Almacén | Rebozador | Preferido, Mamá Cocina 0.9 | 500 g 1590
Almacén | Edulcorante líquido | Hileret, Chuker 0.95 | 200 ml 2990
Almacén | Aderezo César | Hellmann's, Natura 0.85 | 230 g 2490
Almacén | Salsa golf | Hellmann's, Natura 0.85 | 250 g 1990
Almacén | Salsa lista filetto | Arcor, Knorr 1.1 | 340 g 1590
Almacén | Duraznos en almíbar | Arcor, La Campagnola 1.1 | 820 g 3490
Almacén | Garbanzos | Inalpa, Egran 1.1 | 350 g 1390
Almacén | Porotos alubia | Inalpa, Egran 1.1 | 350 g 1390
Almacén | Sopa crema de zapallo | Knorr, Maggi 0.95 | sobre 64 g 1190
Almacén | Caldo de gallina | Knorr, Maggi 0.95 | caja x 12 u 1890
Almacén | Galletitas rellenas de vainilla | Melba, Tita 0.9 | 120 g 1190
Almacén | Galletitas Sonrisas | Bagley | 118 g 1190
Almacén | Galletitas Rumba | Terrabusi | 112 g 1190
Almacén | Galletitas integrales | Granix, Cerealitas 1.05 | 200 g 1790
Almacén | Obleas rellenas | Tokke, Bon o Bon 1.1 | 100 g 990
Almacén | Palmeritas | Bagley, Terrabusi 1.05 | 125 g 1490
Bebidas | Gaseosa pomelo | Paso de los Toros, Schweppes 1.05 | 1,5 l 3290, 2,25 l 4290
Bebidas | Gaseosa cola retornable | Coca-Cola | 2 l 3290
Bebidas | Jugo en polvo manzana | Tang, Clight 1.1, Baggio 0.85 | sobre 18 g 490
Bebidas | Jugo en polvo durazno | Tang, Clight 1.1, Baggio 0.85 | sobre 18 g 490
Bebidas | Jugo en polvo multifruta | Tang, Clight 1.1 | sobre 18 g 490
Bebidas | Jugo en polvo pomelo | Tang, Clight 1.1 | sobre 18 g 490
Bebidas | Jugo de manzana | Cepita, Baggio 0.85 | 1 l 2390
Bebidas | Jugo multifruta | Cepita, Baggio 0.85 | 1 l 2390
Bebidas | Agua saborizada manzana | Levité, Aquarius 1.05 | 1,5 l 2590
Bebidas | Agua saborizada naranja | Levité, Aquarius 1.05 | 1,5 l 2590
Bebidas | Cerveza negra lata | Quilmes Stout, Andes Origen Negra 1.05 | 473 ml 2490
Bebidas | Cerveza IPA lata | Patagonia, Andes Origen 0.9 | 473 ml 2990
Bebidas | Sidra | Real, La Victoria 0.9 | 720 ml 3490
Bebidas | Vino tinto Cabernet | Alma Mora, Santa Julia 1.15 | 750 ml 6490
Bebidas | Vino blanco Torrontés | Santa Julia, Alma Mora 0.9 | 750 ml 6490
Bebidas | Amargo serrano | Pineral, Terma 0.7 | 1 l 5490
Bebidas | Whisky | Criadores, Old Smuggler 0.85 | 750 ml 13990
Lácteos | Yogur bebible vainilla | Ser, La Serenísima 0.9, Yogurísimo 0.95 | 900 g 3390
Lácteos | Yogur bebible durazno | La Serenísima, Yogurísimo 1.05 | 900 g 3090
Lácteos | Yogur con cereales | Yogurísimo, Ser 1.05 | 160 g 1590
Lácteos | Leche en polvo entera | La Serenísima, Nido 1.2 | 800 g 9990
Lácteos | Dulce de leche repostero | La Serenísima, Vacalín 0.85 | 1 kg 6490
Lácteos | Queso untable light | Finlandia, Casancrem 0.95 | 180 g 2790
Lácteos | Postre de vainilla | Serenito, Danette 1.05 | 120 g 1290
Lácteos | Flan casero | Sancor | 2 x 120 g 1990
Fiambrería | Bondiola | Cagnoli, Paladini 0.95 | x kg 32900
Fiambrería | Lomito ahumado | Paladini | x kg 29900
Fiambrería | Salamín picado fino | Cagnoli, La Piamontesa 1.05 | x kg 27900
Fiambrería | Queso port salut | La Paulina, Sancor 0.96 | x kg 14900
Fiambrería | Queso provolone | La Paulina | x kg 22900
Fiambrería | Matambre arrollado | Paladini | x kg 17900
Fiambrería | Ravioles de verdura | La Salteña, Fresca pasta 0.9 | 500 g 3990
Fiambrería | Ñoquis de papa | La Salteña, Fresca pasta 0.9 | 500 g 2990
Fiambrería | Tapas para pascualina | La Salteña, Mendia 0.9 | x 2 u 2290
Golosinas | Alfajor de maicena | Havanna, Capitán del Espacio 0.5 | 1 u 1690
Golosinas | Chocolate amargo | Águila, Milka 0.95 | 100 g 3990
Golosinas | Chocolate blanco | Milka, Cofler 0.85 | 100 g 3690
Golosinas | Huevo de chocolate | Kinder Sorpresa | 20 g 2490
Golosinas | Caramelos ácidos | Mogul, Arcor 0.85 | bolsa 150 g 1790
Golosinas | Pastillas de menta | Halls, Tic Tac 1.1 | 1 u 790
Golosinas | Gomitas | Mogul, Fini 1.4 | 150 g 1690
Golosinas | Papas fritas sabor jamón | Lay's | 85 g 1990
Golosinas | Conitos de maíz | Pehuamar, Doritos 1.4 | 100 g 1790
Golosinas | Nachos queso | Doritos | 77 g 2190
Golosinas | Palitos de queso | Pehuamar, Krachitos 0.9 | 120 g 1790
Golosinas | Pochoclos | Pop Corn Pehuamar | 80 g 1390
Limpieza | Lavandina en gel | Ayudín | 700 ml 2190
Limpieza | Detergente limón | Magistral, Cif 0.92 | 500 ml 2290
Limpieza | Limpiavidrios | Cif, Mr. Músculo 1.05 | 500 ml 2990
Limpieza | Lustramuebles | Blem, Suiza 0.9 | 360 ml 4490
Limpieza | Pastillas para inodoro | Harpic, Pato 0.95 | x 2 u 2490
Limpieza | Desodorante de ambiente | Glade, Poett 0.9 | 360 ml 3990
Limpieza | Guantes de látex | Mapa, Sin Marca 0.7 | talle M 1 par 2690
Limpieza | Fósforos | Fragata, Tres Patitos 0.95 | caja x 220 u 890
Limpieza | Pilas AA | Duracell, Energizer 0.98 | x 2 u 3990
Perfumería | Jabón de tocador avena | Dove, Lux 0.8 | 90 g 1690
Perfumería | Shampoo anticaspa | Head & Shoulders, Clear 0.9 | 375 ml 6490
Perfumería | Crema de enjuague | Plusbelle, Suave 0.95 | 1 l 3990
Perfumería | Jabón líquido de manos | Dove, Espadol 0.8 | 220 ml 3290
Perfumería | Alcohol en gel | Espadol, Sin Marca 0.7 | 250 ml 2690
Perfumería | Alcohol etílico | Porta, Sin Marca 0.8 | 500 ml 2790
Perfumería | Curitas | Curitas | x 20 u 2490
Perfumería | Maquinitas de afeitar | Gillette Prestobarba, Bic 0.75 | x 2 u 3290
Perfumería | Espuma de afeitar | Gillette, Nivea 0.95 | 175 g 5490
Perfumería | Pañuelos descartables | Elite, Carilina 0.9 | x 6 u 1890
Perfumería | Toallitas húmedas | Huggies, Babysec 0.8 | x 48 u 3490
Congelados | Empanadas de carne | La Salteña, Granja del Sol 1.05 | x 12 u 9990
Congelados | Pizza muzzarella | Sibarita, La Salteña 0.9 | 1 u 6990
Congelados | Bastoncitos de merluza | Granja del Sol, Pescamar 0.9 | x 10 u 5490
Congelados | Helado palito | Frigor, Grido 0.85 | 1 u 1290
Mascotas | Alimento para perros cachorros | Dog Chow, Pedigree 1.05 | 1,5 kg 8990
Mascotas | Piedras sanitarias | Cat Chow, Sin Marca 0.6 | 4 kg 4990
Almacén | Leche condensada | Nestlé | 395 g 3490
Almacén | Aceite de maíz | Mazola, Cañuelas 0.8 | 900 ml 3990
Almacén | Snack de arroz | Gallo, Dos Hermanos 0.9 | 100 g 1290
Almacén | Mermelada de frutilla | Arcor, BC 1.05, Dulcor 0.95 | 454 g 2390
Almacén | Dulce de batata | Orieta, Arcor 0.9 | 500 g 2990
Almacén | Dulce de membrillo | Orieta, Arcor 0.9 | 500 g 2790
Bebidas | Gaseosa cola lata | Coca-Cola, Pepsi 0.88 | 354 ml 1490
Bebidas | Cerveza rubia lata grande | Brahma, Quilmes Clásica 1.03 | 710 ml 2990
Bebidas | Soda en sifón | Ivess | 1,5 l 1290
Limpieza | Velas | La Oriental | x 4 u 1590
Limpieza | Bolsas tipo camiseta | Sin Marca | x 100 u 2990
Perfumería | Hisopos | Johnson's, Estrella 0.8 | x 100 u 1890
Verdulería | Zanahoria | Verdulería | x kg 1290
Verdulería | Lechuga criolla | Verdulería | x kg 3490
Verdulería | Limón | Verdulería | x kg 2190
Verdulería | Naranja de jugo | Verdulería | x kg 1690
Verdulería | Zapallo anco | Verdulería | x kg 1490
Verdulería | Batata | Verdulería | x kg 1690
`;

export interface DemoProduct {
  category: string;
  brand: string;
  name: string;
  unit: 'un' | 'kg';
  /** IVA included, centavos. */
  price: number;
}

/** Expands the lines above into products, in a stable order. */
export function demoCatalog(): DemoProduct[] {
  const products: DemoProduct[] = [];
  for (const line of LINES.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const [category, product, brandList, sizeList] = line.split('|').map((part) => part.trim()) as [string, string, string, string];
    const brands = brandList.split(',').map((entry) => {
      const match = /^(.*?)(?:\s+(\d+(?:\.\d+)?))?$/.exec(entry.trim())!;
      return { name: match[1]!, factor: match[2] ? Number(match[2]) : 1 };
    });
    const sizes = sizeList.split(/,\s+/).map((entry) => {
      const match = /^(.*\S)\s+(\d+)$/.exec(entry.trim());
      if (!match) throw new Error(`bad size "${entry}" in demo line: ${line}`);
      return { label: match[1]!, pesos: Number(match[2]) };
    });
    for (const brand of brands) {
      for (const size of sizes) {
        const weighed = size.label === 'x kg';
        products.push({
          category,
          brand: brand.name,
          name: weighed ? `${product} ${brand.name}` : `${product} ${brand.name} ${size.label}`,
          unit: weighed ? 'kg' : 'un',
          price: shelfPrice(size.pesos * brand.factor),
        });
      }
    }
  }
  return products;
}

/** Rounds the way shelf prices look: $ 3.490, $ 990, $ 290. */
function shelfPrice(pesos: number): number {
  const rounded = pesos >= 1000 ? Math.round(pesos / 100) * 100 - 10 : Math.round(pesos / 10) * 10;
  return Math.max(rounded, 10) * 100;
}
